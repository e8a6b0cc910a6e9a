// How the peer tests tell the client whom to trust. Until the engine's
// certificate validation lands (branch area-tls2), the chain cannot be
// checked, so VALIDATE is false and the client runs with
// rejectUnauthorized: false; turning validation on is this one line.
import type { ConnectOptions } from '../../../host/index.js';

export const VALIDATE = false;

export interface Trust {
  /** PEM of the trust anchor. */
  ca: string;
}

export function trust(anchors: Trust): Partial<ConnectOptions> {
  return { ca: anchors.ca, rejectUnauthorized: VALIDATE };
}
