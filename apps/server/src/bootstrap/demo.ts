import { DEMO_TESTIMONIES } from '@desk/db';
import type { Ctx } from '../commands/context.ts';
import { ensureDemoUsers } from '../commands/users.commands.ts';
import { createTestimony } from '../commands/testimonies.commands.ts';
import { findUserByEmail } from '../repo/users.repo.ts';

/**
 * First run only (empty users table): demo accounts, one per role, and synthetic
 * testimonies with the engine's suggestions attached. Returns the credentials to print.
 */
export async function seedDemo(ctx: Ctx): Promise<{ email: string; password: string; role: string }[] | null> {
  const created = await ensureDemoUsers(ctx);
  if (!created) return null;
  const editor = await findUserByEmail(ctx.db, 'editor@desk.test');
  const caller = editor ? { id: editor.id, role: editor.role, disabled: false, name: editor.name, sessionId: null } : null;
  for (const t of DEMO_TESTIMONIES) {
    await createTestimony(ctx, caller, { ...t, assigneeId: editor?.id });
  }
  return created.map(({ email, password, role }) => ({ email, password, role }));
}
