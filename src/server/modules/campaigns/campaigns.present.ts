/**
 * How campaigns and entries look in the API (src/shared/campaigns.ts). An
 * entry is always shown masked (personal data), to the public and to the
 * organiser alike: the organiser reads the full text on the message itself.
 */
import type { AdoptedSuggestion, CampaignDetail, CampaignEntry, CampaignPhase, CampaignSummary, EntryKind } from '../../../shared/campaigns.js';
import { maskPersonalData } from '../../../shared/mask.js';
import type { MessageStatus } from '../../../shared/messages.js';
import type { CampaignRow, EntryRow } from './campaigns.repository.js';

const iso = (d: Date | string) => new Date(d).toISOString();

/** Where the campaign stands by the clock. */
export function phaseOf(row: { starts_at: Date | string; ends_at: Date | string }, now: Date): CampaignPhase {
  if (now < new Date(row.starts_at)) return 'upcoming';
  return now < new Date(row.ends_at) ? 'open' : 'ended';
}

export function presentCampaignSummary(row: CampaignRow, now: Date): CampaignSummary {
  return {
    id: Number(row.id),
    title: row.title,
    coverUrl: row.cover_photo_id ? `/api/v1/photos/${row.cover_photo_id}` : null,
    organiser: { id: Number(row.organiser_unit_id), name: row.organiser_name },
    topics: row.topics,
    regionCodes: row.region_codes,
    startsAt: iso(row.starts_at),
    endsAt: iso(row.ends_at),
    hasPrizes: row.has_prizes,
    entriesPublic: row.entries_public,
    status: row.status,
    phase: phaseOf(row, now),
    entryCount: row.entry_count,
    adoptedCount: row.adopted_count,
  };
}

export function presentCampaignDetail(row: CampaignRow, now: Date, extra: { questionnaireIds: number[]; abilities: CampaignDetail['abilities'] }): CampaignDetail {
  return {
    ...presentCampaignSummary(row, now),
    description: row.description,
    board: { id: Number(row.board_id), name: row.board_name },
    resultSummary: row.result_summary,
    resultsPublishedAt: row.results_published_at === null ? null : iso(row.results_published_at),
    questionnaireIds: extra.questionnaireIds,
    abilities: extra.abilities,
  };
}

/** `forOrganiser` adds the message's status (screening and handling), which the public never sees here. */
export function presentEntry(row: EntryRow, supportedByMe: boolean, forOrganiser = false): CampaignEntry {
  return {
    id: Number(row.message_id),
    number: row.number,
    campaignId: Number(row.campaign_id),
    kind: row.kind as EntryKind,
    topic: row.topic,
    title: maskPersonalData(row.title),
    body: maskPersonalData(row.body),
    regionCode: row.region_code,
    regionName: row.region_name,
    // The nickname check refuses 7 digits in a row, not every way of writing a number: masked like the text.
    authorNickname: maskPersonalData(row.author_nickname),
    createdAt: iso(row.created_at),
    supportCount: row.support_count,
    supportedByMe,
    adopted: row.adopted_at === null ? null : { at: iso(row.adopted_at), note: row.adoption_note ?? '', prize: row.prize },
    ...(forOrganiser ? { status: row.status as MessageStatus } : {}),
  };
}

export function presentAdopted(row: EntryRow & { campaign_title: string; organiser_unit_id: string; organiser_name: string }, supportedByMe: boolean): AdoptedSuggestion {
  return {
    ...presentEntry(row, supportedByMe),
    campaign: { id: Number(row.campaign_id), title: row.campaign_title, organiser: { id: Number(row.organiser_unit_id), name: row.organiser_name } },
  };
}
