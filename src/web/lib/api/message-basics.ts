import type { MessageStatus, MessageType } from '../../../shared/messages';

/**
 * The fields every answer about a message starts with, in lists and in details alike
 * (docs/api.md, `MessageSummary`); each feature adds what its own answer carries.
 */
export interface MessageBasics {
  id: number;
  number: string;
  title: string;
  type: MessageType;
  fieldCode: string;
  status: MessageStatus;
  board: { id: number; name: string };
  createdAt: string;
}
