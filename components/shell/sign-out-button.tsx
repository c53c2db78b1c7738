'use client';

import { useTransition } from 'react';
import { signOut } from '@/app/(auth)/actions';
import { Button } from '@/components/ui/button';

export function SignOutButton() {
  const [pending, start] = useTransition();
  return (
    <Button variant="secondary" disabled={pending} onClick={() => start(async () => void (await signOut(null, {})))}>
      Sign out
    </Button>
  );
}
