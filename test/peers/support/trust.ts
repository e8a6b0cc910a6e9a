// How the peer tests tell the client whom to trust: the test CA, with
// rejectUnauthorized on (the engine validates the chain). VALIDATE false
// would run every peer test unauthenticated, for an engine without a validator.
import type { ConnectOptions } from '../../../host/index.js';

export const VALIDATE = true;

export interface Trust {
  /** PEM of the trust anchor. */
  ca: string;
}

export function trust(anchors: Trust): Partial<ConnectOptions> {
  return { ca: anchors.ca, rejectUnauthorized: VALIDATE };
}
