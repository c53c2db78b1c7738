'use client';

import { useTransition } from 'react';
import { signOut } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';
import { NEW_DRAFT_PREFIX } from '@/components/ui/dialog';

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <Button
      variant="secondary"
      disabled={pending}
      onClick={() => {
        // Drafts of new things are not tied to the person who typed them: the next one to sign in here gets none.
        for (const key of Object.keys(window.localStorage))
          if (key.startsWith(NEW_DRAFT_PREFIX)) window.localStorage.removeItem(key);
        start(async () => void (await signOut(null, {})));
      }}
    >
      Sign out
    </Button>
  );
}
