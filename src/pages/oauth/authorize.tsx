import type { ReactNode } from 'react';

import SandboxPage from '@site/src/components/SandboxPage';

/** The sandbox's authorization (consent) page, for OAuth flows started from these docs. */
export default function Authorize(): ReactNode {
  return <SandboxPage path="/oauth2/authorize" title="Sign in to the sandbox" description="Approve or deny an app's access to the DataStack sandbox." />;
}
