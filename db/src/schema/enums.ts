import { pgEnum } from 'drizzle-orm/pg-core';
import { APPROVAL_KINDS, CATEGORIES, REDACTION_STATES, RISK_LEVELS, ROLES, TESTIMONY_STATUSES } from '@desk/protocol';

export const roleEnum = pgEnum('role', ROLES);
export const categoryEnum = pgEnum('redaction_category', CATEGORIES);
export const redactionStateEnum = pgEnum('redaction_state', REDACTION_STATES);
export const testimonyStatusEnum = pgEnum('testimony_status', TESTIMONY_STATUSES);
export const approvalKindEnum = pgEnum('approval_kind', APPROVAL_KINDS);
export const redactionSourceEnum = pgEnum('redaction_source', ['engine', 'user']);
export const riskLevelEnum = pgEnum('risk_level', RISK_LEVELS);
