// H5P.IcQuestion: what the center's question types share. A type gives the body (its inputs), how to read, restore,
// score and mark an answer, and its xAPI interaction; this part draws the question, the buttons and the feedback,
// keeps the state H5P saves (getCurrentState) and sends the xAPI "answered" statement with the score.
H5P.IcQuestion = (function (EventDispatcher) {
  'use strict';

  var strings = {
    th: {
      checkAnswer: 'ตรวจคำตอบ',
      tryAgain: 'ลองอีกครั้ง',
      showSolution: 'ดูเฉลย',
      answerFirst: 'กรุณาตอบก่อนตรวจคำตอบ',
      score: 'คุณได้ :score จาก :max คะแนน',
      passed: 'ผ่าน',
      notPassed: 'ยังไม่ผ่าน ลองอีกครั้งได้',
      correct: 'ถูก',
      incorrect: 'ผิด',
      solution: 'คำตอบที่ถูก: :answer',
      blank: 'ช่องว่างที่ :num',
      trueText: 'ถูก',
      falseText: 'ผิด'
    },
    en: {
      checkAnswer: 'Check',
      tryAgain: 'Try again',
      showSolution: 'Show solution',
      answerFirst: 'Please answer before checking.',
      score: 'You got :score of :max points',
      passed: 'Passed',
      notPassed: 'Not passed yet; you may try again',
      correct: 'Correct',
      incorrect: 'Incorrect',
      solution: 'Correct answer: :answer',
      blank: 'Blank :num',
      trueText: 'True',
      falseText: 'False'
    }
  };

  /** The page's language (the player page says it), Thai unless English. */
  function pageLanguage() {
    return (document.documentElement.lang || 'th').slice(0, 2) === 'en' ? 'en' : 'th';
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined) node.textContent = text;
    return node;
  }

  var uid = 0;

  /**
   * @param {object} params the content's parameters (question, behaviour, l10n)
   * @param {string|number} contentId
   * @param {object} extras previousState when H5P restores a learner's answer
   * @param {object} type the type's functions: render, read, restore, score, mark, solution, interaction
   */
  function IcQuestion(params, contentId, extras, type) {
    EventDispatcher.call(this);
    this.params = params || {};
    this.contentId = contentId;
    this.extras = extras || {};
    this.type = type;
    this.l10n = Object.assign({}, strings[pageLanguage()], this.params.l10n || {});
    this.passPercentage = (this.params.behaviour && this.params.behaviour.passPercentage) || 100;
    this.checked = false;
    this.id = 'ic-q-' + (++uid);
  }
  IcQuestion.prototype = Object.create(EventDispatcher.prototype);
  IcQuestion.prototype.constructor = IcQuestion;

  IcQuestion.prototype.t = function (key, values) {
    var text = this.l10n[key] || '';
    Object.keys(values || {}).forEach(function (name) {
      text = text.split(':' + name).join(String(values[name]));
    });
    return text;
  };

  IcQuestion.prototype.getTitle = function () {
    return (this.extras.metadata && this.extras.metadata.title) || this.params.question || '';
  };

  IcQuestion.prototype.attach = function ($container) {
    var self = this;
    var root = el('div', 'ic-question');
    root.setAttribute('lang', pageLanguage());
    var questionId = this.id + '-text';
    var question = el('p', 'ic-question__text', this.params.question || '');
    question.id = questionId;
    root.appendChild(question);
    this.body = el('div', 'ic-question__body');
    root.appendChild(this.body);
    this.type.render.call(this, this.body, questionId);

    this.feedback = el('p', 'ic-question__feedback');
    this.feedback.setAttribute('role', 'status');
    this.feedback.setAttribute('aria-live', 'polite');
    root.appendChild(this.feedback);

    var buttons = el('div', 'ic-question__buttons');
    this.checkButton = this.button(buttons, 'checkAnswer', function () { self.check(); });
    this.retryButton = this.button(buttons, 'tryAgain', function () { self.resetTask(); });
    this.solutionButton = this.button(buttons, 'showSolution', function () { self.showSolutions(); });
    root.appendChild(buttons);

    $container.get(0).textContent = '';
    $container.get(0).appendChild(root);
    $container.get(0).classList.add('ic-question-host');

    var previous = this.extras.previousState;
    if (previous && previous.answer !== undefined) {
      this.type.restore.call(this, previous.answer);
      if (previous.checked) this.showResult(false);
    }
    this.updateButtons();
    this.trigger('resize');
  };

  IcQuestion.prototype.button = function (parent, key, onClick) {
    var button = el('button', 'ic-button ic-button--' + key, this.t(key));
    button.type = 'button';
    button.addEventListener('click', onClick);
    parent.appendChild(button);
    return button;
  };

  IcQuestion.prototype.updateButtons = function () {
    var done = this.checked;
    var result = this.type.score.call(this);
    this.checkButton.hidden = done;
    this.retryButton.hidden = !done || result.score === result.max;
    this.solutionButton.hidden = !done || result.score === result.max;
    this.type.setDisabled.call(this, done);
    this.trigger('resize');
  };

  /** Called by the type whenever the learner changes the answer. */
  IcQuestion.prototype.answerChanged = function () {
    this.setActivityStarted();
    this.feedback.textContent = '';
  };

  IcQuestion.prototype.check = function () {
    if (!this.getAnswerGiven()) {
      this.feedback.textContent = this.t('answerFirst');
      return;
    }
    this.setActivityStarted();
    this.showResult(true);
  };

  IcQuestion.prototype.isPassed = function (result) {
    return result.max > 0 && (result.score / result.max) * 100 >= this.passPercentage;
  };

  /** Mark the answer and say the score; `report` sends the xAPI statement (not when a saved state is restored). */
  IcQuestion.prototype.showResult = function (report) {
    var result = this.type.score.call(this);
    this.checked = true;
    this.type.mark.call(this, true);
    var passed = this.isPassed(result);
    this.feedback.textContent = this.t('score', { score: result.score, max: result.max }) + ' · ' + this.t(passed ? 'passed' : 'notPassed');
    this.feedback.classList.toggle('ic-question__feedback--passed', passed);
    this.updateButtons();
    if (report) this.sendAnswered(result, passed);
  };

  IcQuestion.prototype.sendAnswered = function (result, passed) {
    var event = this.createXAPIEventTemplate('answered');
    var definition = event.data.statement.object.definition;
    var interaction = this.type.interaction.call(this);
    Object.keys(interaction.definition).forEach(function (key) { definition[key] = interaction.definition[key]; });
    definition.type = 'http://adlnet.gov/expapi/activities/cmi.interaction';
    definition.description = { 'en-US': this.params.question || '' };
    event.setScoredResult(result.score, result.max, this, true, passed);
    event.data.statement.result.response = interaction.response;
    this.trigger(event);
  };

  IcQuestion.prototype.getScore = function () {
    return this.checked ? this.type.score.call(this).score : 0;
  };

  IcQuestion.prototype.getMaxScore = function () {
    return this.type.score.call(this).max;
  };

  IcQuestion.prototype.getAnswerGiven = function () {
    return this.type.answered.call(this);
  };

  IcQuestion.prototype.showSolutions = function () {
    this.type.solution.call(this);
    this.solutionButton.hidden = true;
    this.trigger('resize');
  };

  IcQuestion.prototype.resetTask = function () {
    this.checked = false;
    this.type.restore.call(this, undefined);
    this.type.mark.call(this, false);
    this.feedback.textContent = '';
    this.feedback.classList.remove('ic-question__feedback--passed');
    this.updateButtons();
  };

  /** What H5P saves for the learner (and gives back as extras.previousState): the answer and whether it was checked. */
  IcQuestion.prototype.getCurrentState = function () {
    return { answer: this.type.read.call(this), checked: this.checked };
  };

  IcQuestion.prototype.getXAPIData = function () {
    var result = this.type.score.call(this);
    var event = this.createXAPIEventTemplate('answered');
    event.setScoredResult(result.score, result.max, this, true, this.isPassed(result));
    return { statement: event.data.statement };
  };

  /** A mark next to an input: a sign for the eye and a word for screen readers. */
  IcQuestion.prototype.markElement = function (target, state) {
    target.classList.remove('ic-mark--correct', 'ic-mark--incorrect');
    target.querySelectorAll(':scope > .ic-mark').forEach(function (node) { node.remove(); });
    if (!state) return;
    target.classList.add('ic-mark--' + state);
    var mark = el('span', 'ic-mark', state === 'correct' ? '✓' : '✗');
    mark.setAttribute('aria-hidden', 'true');
    target.appendChild(mark);
    target.appendChild(el('span', 'ic-mark ic-visually-hidden', ' ' + this.t(state)));
  };

  /**
   * The parts of a choice question (multiple choice, true/false): `choices` are {text, correct}; several correct
   * choices make checkboxes, one makes radio buttons. Score: one point per correct choice ticked, less one per wrong
   * one, never below 0.
   */
  IcQuestion.choiceType = function (choices) {
    var multiple = choices.filter(function (c) { return c.correct; }).length > 1;
    var inputs = function (q) { return Array.prototype.slice.call(q.body.querySelectorAll('input')); };
    return {
      render: function (body, questionId) {
        var fieldset = el('fieldset');
        fieldset.setAttribute('aria-labelledby', questionId);
        var self = this;
        choices.forEach(function (choice, index) {
          var label = el('label', 'ic-choice');
          var input = el('input');
          input.type = multiple ? 'checkbox' : 'radio';
          input.name = self.id;
          input.value = String(index);
          input.addEventListener('change', function () { self.answerChanged(); });
          label.appendChild(input);
          label.appendChild(el('span', '', choice.text));
          fieldset.appendChild(label);
        });
        body.appendChild(fieldset);
      },
      read: function () {
        return inputs(this).filter(function (i) { return i.checked; }).map(function (i) { return Number(i.value); });
      },
      restore: function (answer) {
        inputs(this).forEach(function (i) { i.checked = Array.isArray(answer) && answer.indexOf(Number(i.value)) !== -1; });
      },
      answered: function () {
        return inputs(this).some(function (i) { return i.checked; });
      },
      score: function () {
        var ticked = this.type.read.call(this);
        var max = choices.filter(function (c) { return c.correct; }).length;
        var points = ticked.reduce(function (sum, index) { return sum + (choices[index] && choices[index].correct ? 1 : -1); }, 0);
        return { score: Math.max(0, Math.min(max, points)), max: max };
      },
      mark: function (show) {
        var self = this;
        inputs(this).forEach(function (input) {
          var choice = choices[Number(input.value)];
          self.markElement(input.parentNode, show && input.checked ? (choice.correct ? 'correct' : 'incorrect') : undefined);
        });
      },
      solution: function () {
        var self = this;
        inputs(this).forEach(function (input) {
          if (choices[Number(input.value)].correct) self.markElement(input.parentNode, 'correct');
        });
      },
      setDisabled: function (disabled) {
        inputs(this).forEach(function (i) { i.disabled = disabled; });
      },
      interaction: function () {
        var correct = [];
        choices.forEach(function (c, index) { if (c.correct) correct.push(String(index)); });
        return {
          definition: {
            interactionType: 'choice',
            correctResponsesPattern: [correct.join('[,]')],
            choices: choices.map(function (c, index) { return { id: String(index), description: { 'en-US': c.text } }; })
          },
          response: this.type.read.call(this).join('[,]')
        };
      }
    };
  };

  IcQuestion.el = el;
  return IcQuestion;
})(H5P.EventDispatcher);
