/**
 * Block Kit layout blocks: header, section (text, fields, accessory), context, divider, image,
 * actions, rich_text, and input blocks through the caller (only modals have them). A block this
 * page does not know is shown as a visible placeholder naming its type.
 */
import { asArray, h, placeholder, safeImageUrl, textOf } from './dom.mjs';
import { renderElement } from './elements.mjs';
import { renderText } from './mrkdwn.mjs';
import { renderRichText } from './richtext.mjs';

function image(block, ctx) {
  const src = safeImageUrl(block.image_url);
  const alt = String(block.alt_text ?? '');
  return h(
    'figure',
    { class: 'block-image' },
    block.title ? h('figcaption', {}, renderText(block.title, ctx)) : null,
    src
      ? h('img', { src, alt, loading: 'lazy' })
      : placeholder(`image ${alt}`.trim(), 'slack_file images and non-web URLs are not shown here'),
  );
}

function section(block, blockId, surface, ctx) {
  const body = h('div', { class: 'section-body' });
  if (block.text) body.append(renderText(block.text, ctx, 'p'));
  const fields = asArray(block.fields);
  if (fields.length > 0)
    body.append(
      h(
        'div',
        { class: 'fields' },
        fields.map((field) => h('div', { class: 'field' }, renderText(field, ctx))),
      ),
    );
  const accessory = block.accessory
    ? h('div', { class: 'accessory' }, renderElement(block.accessory, blockId, surface, ctx))
    : null;
  return [body, accessory];
}

function context(block, ctx) {
  return asArray(block.elements).map((element) => {
    if (element?.type === 'image') {
      const src = safeImageUrl(element.image_url);
      return src
        ? h('img', { class: 'context-image', src, alt: element.alt_text ?? '' })
        : placeholder('image');
    }
    if (element?.type === 'mrkdwn' || element?.type === 'plain_text') return renderText(element, ctx);
    return placeholder(`context ${element?.type ?? 'element'}`);
  });
}

function blockContent(block, blockId, surface, ctx, renderInput) {
  switch (block.type) {
    case 'header':
      return h('h2', { class: 'header-text' }, renderText(block.text, ctx));
    case 'section':
      return section(block, blockId, surface, ctx);
    case 'context':
      return context(block, ctx);
    case 'divider':
      return h('hr');
    case 'image':
      return image(block, ctx);
    case 'actions':
      return asArray(block.elements).map((element) => renderElement(element, blockId, surface, ctx));
    case 'rich_text':
      return renderRichText(block, ctx);
    case 'input':
      return renderInput ? renderInput(block) : placeholder('input block outside a modal');
    case 'file':
      return placeholder(`remote file ${block.external_id ?? ''}`.trim());
    case 'video':
      return placeholder(`video ${textOf(block.title)}`.trim());
    default:
      return placeholder(`block ${block.type ?? 'without a type'}`);
  }
}

/**
 * `surface`: `{ kind: 'message' | 'ephemeral', channel, ts }`, `{ kind: 'home' }` or
 * `{ kind: 'modal', viewId }`. `renderInput(block)`: how a modal draws its input blocks.
 */
export function renderBlocks(blocks, surface, ctx, renderInput) {
  return h(
    'div',
    { class: 'blocks' },
    asArray(blocks).map((block) => {
      const blockId = String(block?.block_id ?? '');
      const type = String(block?.type ?? 'unknown');
      return h(
        'div',
        { class: `block block-${type}`, dataset: { blockId, blockType: type } },
        blockContent(block ?? {}, blockId, surface, ctx, renderInput),
      );
    }),
  );
}
