/** An element's `confirm` object as Slack shows it: a small dialog that must be answered first. */
import { h, textOf } from './dom.mjs';
import { renderText } from './mrkdwn.mjs';

export function askToConfirm(confirm, ctx) {
  return new Promise((resolve) => {
    const done = (answer) => {
      layer.remove();
      resolve(answer);
    };
    const ok = h(
      'button',
      {
        class: `btn ${confirm.style === 'danger' ? 'btn-danger' : 'btn-primary'}`,
        type: 'button',
        onclick: () => done(true),
      },
      textOf(confirm.confirm) || ctx.t('confirm'),
    );
    const layer = h(
      'div',
      { class: 'confirm-backdrop', onkeydown: (event) => event.key === 'Escape' && done(false) },
      h(
        'div',
        { class: 'confirm', role: 'alertdialog', 'aria-modal': 'true', 'aria-label': textOf(confirm.title) },
        h('h2', { class: 'confirm-title' }, textOf(confirm.title)),
        h('div', { class: 'confirm-text' }, renderText(confirm.text, ctx)),
        h(
          'div',
          { class: 'confirm-actions' },
          h(
            'button',
            { class: 'btn', type: 'button', onclick: () => done(false) },
            textOf(confirm.deny) || ctx.t('cancel'),
          ),
          ok,
        ),
      ),
    );
    document.body.append(layer);
    ok.focus();
  });
}
