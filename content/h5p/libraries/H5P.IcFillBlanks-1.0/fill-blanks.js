// H5P.IcFillBlanks: a text with blanks to type in. In `text`, each blank is written *answer*, with accepted
// alternatives separated by "/" (*ฟิวส์/fuse*). Answers are compared without regard to case or extra spaces.
H5P.IcFillBlanks = (function (IcQuestion) {
  'use strict';

  var el = IcQuestion.el;

  function normalize(value) {
    return String(value).normalize('NFC').trim().replace(/\s+/g, ' ').toLowerCase();
  }

  /** The text split into plain parts (strings) and blanks ({answers}). */
  function parse(text) {
    var parts = [];
    var pattern = /\*([^*]+)\*/g;
    var last = 0;
    var match;
    while ((match = pattern.exec(text)) !== null) {
      if (match.index > last) parts.push(text.slice(last, match.index));
      parts.push({ answers: match[1].split('/').map(function (a) { return a.trim(); }).filter(Boolean) });
      last = pattern.lastIndex;
    }
    if (last < text.length) parts.push(text.slice(last));
    return parts;
  }

  function IcFillBlanks(params, contentId, extras) {
    var parts = parse((params && params.text) || '');
    var blanks = parts.filter(function (p) { return typeof p !== 'string'; });
    var inputs = function (q) { return Array.prototype.slice.call(q.body.querySelectorAll('input')); };
    var isRight = function (input, index) {
      return blanks[index].answers.some(function (a) { return normalize(a) === normalize(input.value); });
    };
    IcQuestion.call(this, params, contentId, extras, {
      render: function (body) {
        var self = this;
        var paragraph = el('p', 'ic-blanks');
        var count = 0;
        parts.forEach(function (part) {
          if (typeof part === 'string') {
            paragraph.appendChild(document.createTextNode(part));
            return;
          }
          count += 1;
          var holder = el('span', 'ic-blank');
          var input = el('input');
          input.type = 'text';
          input.autocomplete = 'off';
          input.spellcheck = false;
          input.setAttribute('autocapitalize', 'off');
          input.setAttribute('aria-label', self.t('blank', { num: count }));
          input.addEventListener('input', function () { self.answerChanged(); });
          input.addEventListener('keydown', function (event) {
            if (event.key === 'Enter') self.check();
          });
          holder.appendChild(input);
          paragraph.appendChild(holder);
        });
        body.appendChild(paragraph);
      },
      read: function () {
        return inputs(this).map(function (i) { return i.value; });
      },
      restore: function (answer) {
        inputs(this).forEach(function (input, index) {
          input.value = Array.isArray(answer) && typeof answer[index] === 'string' ? answer[index] : '';
          var solution = input.parentNode.querySelector('.ic-solution');
          if (solution) solution.remove();
        });
      },
      answered: function () {
        return inputs(this).some(function (i) { return i.value.trim() !== ''; });
      },
      score: function () {
        return { score: inputs(this).filter(isRight).length, max: blanks.length };
      },
      mark: function (show) {
        var self = this;
        inputs(this).forEach(function (input, index) {
          self.markElement(input.parentNode, show ? (isRight(input, index) ? 'correct' : 'incorrect') : undefined);
        });
      },
      solution: function () {
        var self = this;
        inputs(this).forEach(function (input, index) {
          if (isRight(input, index) || input.parentNode.querySelector('.ic-solution')) return;
          input.parentNode.appendChild(el('span', 'ic-solution', self.t('solution', { answer: blanks[index].answers[0] })));
        });
      },
      setDisabled: function (disabled) {
        inputs(this).forEach(function (i) { i.readOnly = disabled; });
      },
      interaction: function () {
        return {
          definition: {
            interactionType: 'fill-in',
            correctResponsesPattern: ['{case_matters=false}' + blanks.map(function (b) { return b.answers[0]; }).join('[,]')]
          },
          response: this.type.read.call(this).join('[,]')
        };
      }
    });
  }
  IcFillBlanks.prototype = Object.create(IcQuestion.prototype);
  IcFillBlanks.prototype.constructor = IcFillBlanks;
  return IcFillBlanks;
})(H5P.IcQuestion);
