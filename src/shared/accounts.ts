/**
 * The name a closed (注销) citizen account carries from then on: its messages
 * stay on the board under it, and db:check (closed-accounts) holds every
 * closed account to it.
 */
export const ANONYMOUS_NAME = '网友';
