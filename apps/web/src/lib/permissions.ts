import type { Role, TestimonyStatus } from '@desk/protocol';

/*
 * UI hints only: the server decides every request. These mirror its policy so the interface does
 * not offer actions that would be refused (admins stay out of redaction decisions and approvals).
 */
export function canEditRedactions(role: Role | undefined, status?: TestimonyStatus): boolean {
  if (status === 'published') return false;
  return role === 'editor' || role === 'safety_officer';
}

export function approvalKindFor(role: Role | undefined): 'editorial' | 'safety' | null {
  if (role === 'editor') return 'editorial';
  if (role === 'safety_officer') return 'safety';
  return null;
}

export function canCreateTestimony(role: Role | undefined): boolean {
  return role !== undefined;
}

/** The organisation allow-list (its page, and "Keep — public" in Names to decide). */
export function canManageAllowList(role: Role | undefined, status?: TestimonyStatus): boolean {
  if (status === 'published') return false;
  return role === 'safety_officer' || role === 'admin';
}
