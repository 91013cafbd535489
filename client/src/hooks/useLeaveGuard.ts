import { useEffect } from 'react';
import { useBlocker } from 'react-router';
import { signedOut } from '../lib/sessionEnd.ts';

/** While `dirty`, asks before leaving: an in-app blocker for links and back, beforeunload for reloads and tab closes. */
export function useLeaveGuard(dirty: boolean) {
  useEffect(() => {
    if (!dirty) return;
    const handleBeforeUnload = (event: BeforeUnloadEvent) => {
      event.preventDefault();
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', handleBeforeUnload);
    return () => window.removeEventListener('beforeunload', handleBeforeUnload);
  }, [dirty]);
  return useBlocker(
    ({ currentLocation, nextLocation }) =>
      // After a confirmed sign-out the edits are discarded already: no second question.
      dirty && currentLocation.pathname !== nextLocation.pathname && !signedOut(),
  );
}
