import { eq } from 'drizzle-orm';
import type { Db } from '../client';
import { instanceSettings } from '../schema';

export async function getOrCreateSetting(db: Db, key: string, create: () => string): Promise<string> {
  await db.insert(instanceSettings).values({ key, value: create() }).onConflictDoNothing();
  const [row] = await db.select().from(instanceSettings).where(eq(instanceSettings.key, key));
  return row!.value;
}
