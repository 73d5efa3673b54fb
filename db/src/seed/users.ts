import type { Role } from '@desk/protocol';

/** Demo accounts created on a first run with an empty database (disable with DESK_DEMO=0). */
export const DEMO_USERS: { email: string; name: string; role: Role; password: string }[] = [
  { email: 'admin@desk.test', name: 'Amira Admin', role: 'admin', password: 'admin-demo-pass' },
  { email: 'safety@desk.test', name: 'Sami Safety', role: 'safety_officer', password: 'safety-demo-pass' },
  { email: 'editor@desk.test', name: 'Elena Editor', role: 'editor', password: 'editor-demo-pass' },
  { email: 'editor2@desk.test', name: 'Omar Editor', role: 'editor', password: 'editor2-demo-pass' },
];
