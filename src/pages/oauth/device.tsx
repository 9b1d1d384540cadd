import type { ReactNode } from 'react';

import SandboxPage from '@site/src/components/SandboxPage';

/** The sandbox's device sign-in page: enter the code a desktop or CLI app shows. */
export default function Device(): ReactNode {
  return <SandboxPage path="/device" title="Sign in a device" description="Enter the code your desktop or command-line app shows to sign it in to the sandbox." />;
}
