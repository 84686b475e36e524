// H5P.IcMultipleChoice: one question, its answers as radio buttons (one correct) or checkboxes (several correct).
H5P.IcMultipleChoice = (function (IcQuestion) {
  'use strict';

  function IcMultipleChoice(params, contentId, extras) {
    var answers = (params && params.answers) || [];
    IcQuestion.call(this, params, contentId, extras, IcQuestion.choiceType(answers.map(function (a) {
      return { text: a.text, correct: !!a.correct };
    })));
  }
  IcMultipleChoice.prototype = Object.create(IcQuestion.prototype);
  IcMultipleChoice.prototype.constructor = IcMultipleChoice;
  return IcMultipleChoice;
})(H5P.IcQuestion);
