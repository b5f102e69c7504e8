/**
 * "Who am I?": a menu of everyone in the workspace to act as, each with their handle, profile
 * title (local mode writes each person's roles there: admin, head of a department, leader,
 * guest…), language and time zone. Switching changes whose DMs, Home tab, modals and language the
 * page shows. The filter finds people by name, handle, id or title ("head", "admin").
 */
import { avatar, h } from './dom.mjs';

export class PersonSwitcher {
  constructor(onSwitch) {
    this.onSwitch = onSwitch;
    this.people = [];
    this.filter = h('input', { class: 'input switcher-filter', type: 'search', autocomplete: 'off' });
    this.filter.addEventListener('input', () => this.renderList());
    this.filter.addEventListener('keydown', (event) => {
      if (event.key === 'Escape') this.close();
      if (event.key === 'Enter') this.list.querySelector('[role="option"]')?.click();
    });
    this.list = h('ul', { class: 'switcher-list', role: 'listbox' });
    this.panel = h('div', { class: 'switcher-panel', hidden: true }, this.filter, this.list);
    this.button = h('button', {
      class: 'switcher-button',
      type: 'button',
      'aria-haspopup': 'listbox',
      'aria-expanded': 'false',
      onclick: () => (this.panel.hidden ? this.open() : this.close()),
    });
    this.node = h('div', { class: 'switcher' }, this.button, this.panel);
    document.addEventListener('click', (event) => {
      if (!this.node.contains(event.target)) this.close();
    });
  }

  open() {
    this.panel.hidden = false;
    this.button.setAttribute('aria-expanded', 'true');
    this.filter.value = '';
    this.renderList();
    this.filter.focus();
  }

  close() {
    this.panel.hidden = true;
    this.button.setAttribute('aria-expanded', 'false');
  }

  update(people, me, ctx) {
    this.people = people.filter((p) => !p.isBot);
    this.me = me;
    this.ctx = ctx;
    this.button.setAttribute('aria-label', `${ctx.t('switchPerson')}: ${me.realName}`);
    this.button.replaceChildren(
      avatar(me.id, me.realName),
      h('span', { class: 'switcher-name' }, me.realName),
      h('span', { 'aria-hidden': 'true' }, '▾'),
    );
    this.filter.placeholder = ctx.t('findPerson');
    this.filter.setAttribute('aria-label', ctx.t('findPerson'));
    this.list.setAttribute('aria-label', ctx.t('switchPerson'));
    if (!this.panel.hidden) this.renderList();
  }

  renderList() {
    const wanted = this.filter.value.trim().toLowerCase();
    const matches = this.people.filter(
      (p) => !wanted || `${p.realName} ${p.name} ${p.id} ${p.title ?? ''}`.toLowerCase().includes(wanted),
    );
    this.list.replaceChildren(
      ...matches.map((p) => {
        const flags = [
          p.locale,
          p.tz,
          p.isAdmin ? this.ctx.t('admin') : null,
          p.deleted ? this.ctx.t('deactivated') : null,
        ]
          .filter(Boolean)
          .join(' · ');
        return h(
          'li',
          {
            class: `switcher-item${p.id === this.me.id ? ' current' : ''}`,
            role: 'option',
            tabindex: '0',
            'aria-selected': String(p.id === this.me.id),
            dataset: { userId: p.id },
            onclick: () => {
              this.close();
              this.onSwitch(p.id);
            },
            onkeydown: (event) => event.key === 'Enter' && event.currentTarget.click(),
          },
          avatar(p.id, p.realName),
          h(
            'span',
            { class: 'switcher-who' },
            h('strong', {}, p.realName),
            h('span', { class: 'muted' }, ` @${p.name}`),
            p.title ? h('span', { class: 'switcher-title' }, p.title) : null,
            h('small', {}, flags),
          ),
        );
      }),
    );
  }
}
