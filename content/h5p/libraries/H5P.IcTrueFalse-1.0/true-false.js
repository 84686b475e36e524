// H5P.IcTrueFalse: a statement the learner judges true or false (two radio buttons).
H5P.IcTrueFalse = (function (IcQuestion) {
  'use strict';

  function IcTrueFalse(params, contentId, extras) {
    var isTrue = params && (params.correct === true || params.correct === 'true');
    IcQuestion.call(this, params, contentId, extras, undefined);
    // The two answers are worded in the page's language (or the content's l10n), known once the base has run.
    this.type = IcQuestion.choiceType([
      { text: this.t('trueText'), correct: isTrue },
      { text: this.t('falseText'), correct: !isTrue }
    ]);
  }
  IcTrueFalse.prototype = Object.create(IcQuestion.prototype);
  IcTrueFalse.prototype.constructor = IcTrueFalse;
  return IcTrueFalse;
})(H5P.IcQuestion);
