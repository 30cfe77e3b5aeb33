import type { Db } from '@mos/db';
import type { OrgMember } from '../auth/resolve';
import type { WorkflowGateway } from '../gateway/types';

/** What a service function needs: the org-scoped caller and the shared clients. */
export interface ServiceCtx {
  db: Db;
  member: OrgMember;
  gateway: WorkflowGateway;
  taskQueue: string;
}
