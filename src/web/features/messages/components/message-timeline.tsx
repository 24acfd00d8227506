import { EventTimeline } from '../../../components/event-timeline';
import type { TimelineEntry } from '../api/get-message';

/** Everything that happened, oldest first: the server decides what this viewer may see. */
export function MessageTimeline({ entries }: { entries: TimelineEntry[] }) {
  return <EventTimeline entries={entries} />;
}
