import type { ModalView } from '@slack/types';
import type { InstanceView } from '../../../domain/workflows/view-types';
import type { UserContext } from '../../user-context';
import { localized } from '../format';
import { trackingCard } from './tracking-card.view';

/**
 * Details: the request as its tracking card shows it, without the requester's buttons, in a modal;
 * every attachment with its Download button (a modal holds 100 blocks).
 */
export function detailsModal(ctx: UserContext, instance: InstanceView): ModalView {
  const card = trackingCard({ ...ctx, instance, forRequester: false, filesPerField: 10 });
  return {
    type: 'modal',
    title: { type: 'plain_text', text: ctx.t('wf.modal.details.title').slice(0, 24) },
    close: { type: 'plain_text', text: ctx.t('wf.modal.close').slice(0, 24) },
    blocks: card.blocks.filter((block) => block.type !== 'actions'),
    private_metadata: JSON.stringify({
      instanceId: instance.id,
      title: localized(instance.template.title, ctx.locale),
    }).slice(0, 3000),
  };
}
