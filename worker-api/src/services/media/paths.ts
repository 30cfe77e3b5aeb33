/** Where the API serves a media object and its thumbnail (public; relative to the API's origin). */
export const mediaPath = (mediaId: string) => `/media/${mediaId}`;
export const thumbnailPath = (mediaId: string) => `/media/${mediaId}/thumb`;
