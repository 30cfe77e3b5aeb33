import { router } from '../../trpc';
import { approvePage } from './approve-page';
import { create } from './create';
import { createPage } from './create-page';
import { createVariant } from './create-variant';
import { deletePage } from './delete-page';
import { deleteVariant } from './delete-variant';
import { disable } from './disable';
import { duplicate } from './duplicate';
import { enable } from './enable';
import { generatePage } from './generate-page';
import { get } from './get';
import { getPage } from './get-page';
import { images } from './images';
import { leadDeliveries } from './lead-deliveries';
import { leads } from './leads';
import { leadsCsv } from './leads-csv';
import { list } from './list';
import { publications } from './publications';
import { publish } from './publish';
import { results } from './results';
import { rollback } from './rollback';
import { savePage } from './save-page';
import { templates } from './templates';
import { update } from './update';
import { updatePage } from './update-page';
import { updateVariant } from './update-variant';

/** Funnel authoring: operators and admins author and publish; members read. */
export const funnelsRouter = router({
  list,
  get,
  create,
  update,
  disable,
  enable,
  duplicate,
  templates,
  createPage,
  getPage,
  savePage,
  updatePage,
  deletePage,
  approvePage,
  createVariant,
  updateVariant,
  deleteVariant,
  publish,
  publications,
  rollback,
  generatePage,
  results,
  leads,
  leadDeliveries,
  leadsCsv,
  images,
});
