/**
 * The device verification page (RFC 8628 §3.3): `GET /device` and `POST /device`.
 */
import type { Hono } from 'hono';

import { ApiError } from '../../core/errors';
import { decideDeviceAuthorization, findPendingDevice, normalizeUserCode } from '../../core/oauth/device';
import { presentParams } from '../../core/oauth/params';
import type { AppEnv } from '../env';
import { defineOperation } from '../operation';
import { deviceDonePage, deviceErrorPage, deviceVerificationPage } from '../pages/device';
import { htmlResponse } from '../pages/respond';

/** `GET` and `POST /device`. */
export function registerDeviceRoutes(app: Hono<AppEnv>): void {
  const pageOptions = { errorPage: deviceErrorPage };

  defineOperation(
    app,
    'showDeviceVerificationPage',
    ({ c, query }) => {
      const typed = query.user_code;
      if (typed === undefined) return htmlResponse(c, 200, deviceVerificationPage());
      if (normalizeUserCode(typed) === undefined) {
        throw new ApiError('invalid_request', 'That code does not look right. Codes have eight letters, like WDJB-MJHT.', { field: 'user_code' });
      }
      const pending = findPendingDevice(c.get('sandbox'), typed);
      if (!pending) {
        const message = 'No device sign-in is waiting for this code: it may have expired or been used already.';
        return htmlResponse(c, 200, deviceVerificationPage({ userCode: typed, message }));
      }
      return htmlResponse(c, 200, deviceVerificationPage({ userCode: pending.device.userCode, pending }));
    },
    pageOptions,
  );

  defineOperation(
    app,
    'submitDeviceVerification',
    async ({ c, form }) => {
      const decision = await decideDeviceAuthorization(c.get('sandbox'), presentParams(form));
      switch (decision.outcome) {
        case 'approved':
          return htmlResponse(c, 200, deviceDonePage({ approved: true, pending: decision.pending, userName: decision.user.name }));
        case 'denied':
          return htmlResponse(c, 200, deviceDonePage({ approved: false, pending: decision.pending }));
        case 'retry': {
          const { pending, message, username } = decision;
          return htmlResponse(
            c,
            200,
            deviceVerificationPage({ userCode: pending.device.userCode, pending, message, ...(username === undefined ? {} : { username }) }),
          );
        }
      }
    },
    pageOptions,
  );
}
