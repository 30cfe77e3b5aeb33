/** A bare page with the Puck editor on the block library's config, for the Chromium editor test. */
import '@puckeditor/core/puck.css';
import { type Data, Puck } from '@puckeditor/core';
import { createRoot } from 'react-dom/client';
import { createPuckConfig, type PuckOffer } from '../../src/puck';
import type { ImageRef } from '../../src/schema';

interface EditorWindow {
  __doc: Data;
  __data?: Data;
  __offers: PuckOffer[];
  __pages: Array<{ id: string; name: string; slug: string }>;
  __uploads: string[];
}
const w = window as unknown as EditorWindow;
w.__uploads = [];

const config = createPuckConfig({
  offers: w.__offers,
  pages: w.__pages,
  mediaUrl: (id) => `/media/${id}`,
  uploadImage: async (file): Promise<ImageRef> => {
    w.__uploads.push(file.name);
    return {
      mediaId: '9d4f90a2-3e5a-4b7c-9dae-5f7a9b1c3d45',
      src: '/media/x',
      alt: '',
      width: 640,
      height: 480,
    };
  },
});

const root = document.getElementById('root');
if (root) {
  createRoot(root).render(
    <Puck
      config={config}
      data={w.__doc}
      iframe={{ enabled: false }}
      onChange={(data) => {
        w.__data = data;
      }}
    />,
  );
}
