import { AssetLinkPlatformAd } from '../../schemas/assets';
import { linkPlatformAd as link } from '../../services/assets/link-platform-ad';
import { operatorProcedure } from '../../trpc';

export const linkPlatformAd = operatorProcedure
  .input(AssetLinkPlatformAd)
  .mutation(({ ctx, input }) => link({ ctx, input }));
