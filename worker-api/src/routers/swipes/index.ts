import { router } from '../../trpc';
import { list as listBrands } from './brands/list';
import { list as listClient } from './client/list';
import { remove } from './client/remove';
import { save } from './client/save';
import { update } from './client/update';
import { get } from './company/get';
import { importExport } from './company/import';
import { list as listCompany } from './company/list';

export const swipesRouter = router({
  brands: router({ list: listBrands }),
  company: router({ list: listCompany, get, import: importExport }),
  client: router({ list: listClient, save, update, remove }),
});
