import { EditOutlined } from '@ant-design/icons';
import { ButtonLink } from '../../../components/button-link';
import { useMe } from '../../../lib/api/get-me';
import { useT } from '../../../lib/i18n';
import { MessageBoard } from './message-board';

/** The messages on one board and the button to write to it (the board page's slot). */
export function BoardMessages({ board }: { board: { id: number; name: string; status?: 'open' | 'retired' } }) {
  const t = useT();
  // Visitors see the button too (it leads to the login); staff accounts cannot write.
  const staff = useMe().data?.kind === 'staff';
  return (
    <section aria-labelledby="board-messages-heading">
      <div className="section-head">
        <h2 id="board-messages-heading" className="section-title">
          {t('messages.onBoard')}
        </h2>
        {/* A retired board keeps its messages public but takes no new ones. */}
        {!staff && board.status !== 'retired' && (
          <ButtonLink type="primary" size="large" icon={<EditOutlined aria-hidden />} to={`/board/${board.id}/write`} data-testid="write-message">
            {t('messages.write')}
          </ButtonLink>
        )}
      </div>
      <MessageBoard board={board.id} />
    </section>
  );
}

/** Every public message about a region and the regions below it (the region page's slot). */
export function RegionMessages({ region }: { region: { code: string; name: string } }) {
  const t = useT();
  return (
    <section aria-labelledby="region-messages-heading">
      <h2 id="region-messages-heading" className="section-title">
        {t('messages.inRegion', { region: region.name })}
      </h2>
      <MessageBoard region={region.code} />
    </section>
  );
}
