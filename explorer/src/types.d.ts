declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  /** The fCoSE layout extension (the package ships no types). */
  const fcose: Ext;
  export default fcose;
}
