import { AssetPlatformAdsOfClient, AssetUnlinkPlatformAd } from '../../schemas/assets';
import { clientPlatformAds, unlinkPlatformAd as unlink } from '../../services/assets/platform-ads';
import { operatorProcedure, orgProcedure } from '../../trpc';

export const platformAds = orgProcedure
  .input(AssetPlatformAdsOfClient)
  .query(({ ctx, input }) => clientPlatformAds({ ctx, input }));

export const unlinkPlatformAd = operatorProcedure
  .input(AssetUnlinkPlatformAd)
  .mutation(({ ctx, input }) => unlink({ ctx, input }));
