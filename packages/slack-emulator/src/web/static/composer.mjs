/**
 * The message box: plain messages, and slash commands with the app's command list, usage hints
 * and descriptions from its manifest; `@` completes a person's handle. Enter sends, Shift+Enter
 * starts a new line.
 */
import { h } from './dom.mjs';

function suggestionsFor(text, caret, ctx) {
  const command = /^\/(\S*)$/.exec(text);
  if (command) {
    const prefix = `/${command[1]}`.toLowerCase();
    return ctx.app.commands
      .filter((c) => c.command.toLowerCase().startsWith(prefix))
      .map((c) => ({
        label: c.command,
        hint: c.usageHint,
        detail: c.description,
        replace: [0, text.length],
        insert: `${c.command} `,
      }));
  }
  const mention = /(^|\s)@([\p{L}\p{N}._-]*)$/u.exec(text.slice(0, caret));
  if (mention) {
    const wanted = mention[2].toLowerCase();
    const start = caret - mention[2].length - 1;
    return ctx.people
      .filter(
        (p) =>
          !p.isBot &&
          !p.deleted &&
          (p.name.toLowerCase().startsWith(wanted) || p.realName.toLowerCase().includes(wanted)),
      )
      .slice(0, 8)
      .map((p) => ({
        label: p.realName,
        hint: `@${p.name}`,
        detail: '',
        replace: [start, caret],
        insert: `@${p.name} `,
      }));
  }
  return [];
}

export class Composer {
  constructor(send) {
    this.send = send;
    this.items = [];
    this.active = 0;
    this.list = h('ul', { class: 'suggestions', role: 'listbox', hidden: true });
    this.hint = h('div', { class: 'usage-hint', hidden: true });
    this.input = h('textarea', { class: 'composer-input', rows: 1, 'aria-label': 'Message' });
    this.input.addEventListener('input', () => this.refresh());
    this.input.addEventListener('keydown', (event) => this.keydown(event));
    this.button = h('button', { class: 'btn btn-primary composer-send', type: 'submit' }, '➤');
    this.node = h(
      'form',
      {
        class: 'composer',
        onsubmit: (event) => {
          event.preventDefault();
          this.submit();
        },
      },
      this.list,
      h('div', { class: 'composer-box' }, this.input, this.button),
      this.hint,
    );
  }

  /** `target`: `{ channel, name, commandsOnly }`. */
  update(ctx, target) {
    this.ctx = ctx;
    this.target = target;
    const placeholder = target.commandsOnly
      ? ctx.t('commandsOnly')
      : ctx.t('messageTo', { name: target.name });
    this.input.placeholder = placeholder;
    this.input.setAttribute('aria-label', placeholder);
    this.button.setAttribute('aria-label', ctx.t('send'));
    this.refresh();
  }

  refresh() {
    if (!this.ctx) return;
    const text = this.input.value;
    this.items = suggestionsFor(text, this.input.selectionStart ?? text.length, this.ctx);
    this.active = Math.min(this.active, Math.max(0, this.items.length - 1));
    this.list.hidden = this.items.length === 0;
    this.list.replaceChildren(
      ...this.items.map((item, i) =>
        h(
          'li',
          {
            class: `suggestion${i === this.active ? ' active' : ''}`,
            role: 'option',
            'aria-selected': String(i === this.active),
            onmousedown: (event) => {
              // The box keeps the focus while a suggestion is picked.
              event.preventDefault();
              this.accept(i);
            },
          },
          h('strong', {}, item.label),
          item.hint ? h('span', { class: 'suggestion-hint' }, ` ${item.hint}`) : null,
          item.detail ? h('div', { class: 'suggestion-detail' }, item.detail) : null,
        ),
      ),
    );
    const typed = /^(\/\S+)\s/.exec(text);
    const command = typed && this.ctx.app.commands.find((c) => c.command === typed[1]);
    this.hint.hidden = !command;
    this.hint.replaceChildren(
      ...(command
        ? [
            h('strong', {}, command.command),
            command.usageHint ? ` ${command.usageHint}` : '',
            h('div', {}, command.description),
          ]
        : []),
    );
    this.input.style.height = 'auto';
    this.input.style.height = `${Math.min(this.input.scrollHeight, 200)}px`;
  }

  accept(index) {
    const item = this.items[index];
    if (!item) return;
    const text = this.input.value;
    const [from, to] = item.replace;
    this.input.value = text.slice(0, from) + item.insert + text.slice(to);
    const caret = from + item.insert.length;
    this.input.setSelectionRange(caret, caret);
    this.input.focus();
    this.refresh();
  }

  keydown(event) {
    const open = this.items.length > 0;
    if (open && (event.key === 'ArrowDown' || event.key === 'ArrowUp')) {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      this.active = (this.active + step + this.items.length) % this.items.length;
      this.refresh();
    } else if (open && event.key === 'Tab') {
      event.preventDefault();
      this.accept(this.active);
    } else if (open && event.key === 'Escape') {
      this.items = [];
      this.list.hidden = true;
    } else if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      // Enter on a half-typed command picks it, as Slack's menu does; on a complete one it sends.
      const exact = open && this.items[this.active]?.insert.trim() === this.input.value.trim();
      if (open && !exact) this.accept(this.active);
      else this.submit();
    }
  }

  async submit() {
    const text = this.input.value.trim();
    if (!text || !this.ctx) return;
    const sent = await this.send(text, this.target);
    if (sent) {
      this.input.value = '';
      this.refresh();
    }
  }
}
