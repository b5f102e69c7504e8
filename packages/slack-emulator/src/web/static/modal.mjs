/**
 * The person's modal stack: the top view with its blocks, field errors under their inputs,
 * Submit / Cancel / Back / close-all. A view is redrawn only when the app changes it (new id or
 * hash), so what the person is typing survives every other refresh, as in Slack.
 */

import { renderBlocks } from './blocks.mjs';
import { h, textOf } from './dom.mjs';
import { renderInputBlock } from './inputs.mjs';
import { renderText } from './mrkdwn.mjs';

export class ModalLayer {
  constructor(root) {
    this.root = root;
    this.key = '';
    this.fields = [];
    this.problem = null;
  }

  /** What the person has entered, as fillModal takes it; dispatching inputs were sent when used. */
  async values() {
    const values = {};
    for (const field of this.fields) {
      if (field.dispatch) continue;
      const value = await field.read();
      if (value !== undefined) values[field.blockId] = value;
    }
    return values;
  }

  showErrors(errors) {
    for (const field of this.fields) field.showError(errors?.[field.blockId]);
  }

  showProblem(message, detail) {
    this.problem.hidden = !message;
    this.problem.replaceChildren(message ?? '', detail ? h('small', {}, detail) : '');
  }

  render(snapshot, ctx) {
    const stack = snapshot.modals ?? [];
    const view = stack.at(-1);
    if (!view) {
      this.key = '';
      this.fields = [];
      this.root.replaceChildren();
      return;
    }
    const key = `${view.id}:${view.hash}`;
    if (key !== this.key) {
      this.key = key;
      this.root.replaceChildren(this.build(view, stack.length, ctx));
    }
    this.showErrors(snapshot.modalErrors);
  }

  build(view, depth, ctx) {
    this.fields = [];
    const viewId = view.id;
    const surface = {
      kind: 'modal',
      viewId,
      sync: async () => ctx.act.modal('fill', { viewId, values: await this.values() }),
    };
    const onDispatch = async (blockId, value) => {
      await surface.sync();
      await ctx.act.modal('fill', { viewId, values: { [blockId]: value } });
    };
    const renderInput = (block) => {
      const { node, field } = renderInputBlock(block, view, ctx, onDispatch);
      this.fields.push(field);
      return node;
    };
    this.problem = h('div', { class: 'modal-problem', role: 'alert', hidden: true });
    const submit = view.submit
      ? h(
          'button',
          { class: 'btn btn-primary', type: 'submit', disabled: view.submit_disabled === true },
          textOf(view.submit) || ctx.t('submit'),
        )
      : null;
    const form = h(
      'form',
      {
        class: 'modal',
        role: 'dialog',
        'aria-modal': 'true',
        'aria-label': textOf(view.title),
        dataset: { viewId, callbackId: view.callback_id ?? '' },
        onsubmit: async (event) => {
          event.preventDefault();
          if (!submit || submit.disabled) return;
          submit.disabled = true;
          try {
            const result = await ctx.act.modal('submit', { viewId, values: await this.values() });
            if (result?.errors) this.showErrors(result.errors);
            this.showProblem(result?.outcome === 'app_error' ? ctx.t('modalTrouble') : null, result?.problem);
          } finally {
            submit.disabled = view.submit_disabled === true;
          }
        },
      },
      h(
        'header',
        { class: 'modal-header' },
        depth > 1
          ? h(
              'button',
              {
                class: 'btn btn-icon',
                type: 'button',
                'aria-label': ctx.t('back'),
                onclick: () => ctx.act.modal('close', { viewId }),
              },
              '←',
            )
          : null,
        h('h2', { class: 'modal-title' }, renderText(view.title, ctx)),
        h(
          'button',
          {
            class: 'btn btn-icon',
            type: 'button',
            'aria-label': ctx.t('closeAll'),
            onclick: () => ctx.act.modal('close', { viewId, all: true }),
          },
          '✕',
        ),
      ),
      h('div', { class: 'modal-body' }, renderBlocks(view.blocks, surface, ctx, renderInput)),
      this.problem,
      h(
        'footer',
        { class: 'modal-footer' },
        h(
          'button',
          { class: 'btn', type: 'button', onclick: () => ctx.act.modal('close', { viewId }) },
          textOf(view.close) || ctx.t(depth > 1 ? 'back' : 'cancel'),
        ),
        submit,
      ),
    );
    return h('div', { class: 'modal-backdrop' }, form);
  }
}
