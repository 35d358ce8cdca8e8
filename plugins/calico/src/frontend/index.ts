import { defineFrontend } from '@argus/plugin-sdk/frontend';

export default defineFrontend({
  id: 'calico',
  pages: {},
});
