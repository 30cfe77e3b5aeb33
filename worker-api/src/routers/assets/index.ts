import { router } from '../../trpc';
import { get } from './get';
import { linkPlatformAd } from './link-platform-ad';
import { list } from './list';
import { platformAds, unlinkPlatformAd } from './platform-ads';
import { setStatus } from './set-status';
import { update } from './update';

export const assetsRouter = router({
  list,
  get,
  update,
  setStatus,
  linkPlatformAd,
  platformAds,
  unlinkPlatformAd,
});
