/**
 * The page's head asks for the entry view's code and prebaked results before the app's own
 * modules have arrived: on the URLs people land on for Sites and the report, the view's chunk
 * (and its CSS) and the prebaked answers it draws from (src/db/prebaked.ts) otherwise wait for
 * the entry module, its 20 static imports and the prebaked index, three round trips through a
 * busy main thread. The build (scripts/vite-plugins/entry-preload.ts) writes what to ask for, per
 * URL, as JSON in `<head>`; this constant script reads it (the CSP lists it by hash, like the
 * poster's). The requests are `<link rel="modulepreload">` and `<link rel="preload">` (`as=fetch`,
 * and `as=style`, in the mode and credentials of the app's `fetch` and of Vite's stylesheet links,
 * so that the page's own requests take their answers).
 * Nothing is asked for another data root or with the prebaked answers turned off.
 */

/** Id of the `<script type="application/json">` the build writes: search string → URLs. */
export const ENTRY_PRELOAD_ID = 'observatoire-entry-preload';

export const ENTRY_PRELOAD_SCRIPT = `(function(){var w=window,d=document,e=d.getElementById('${ENTRY_PRELOAD_ID}'),m;if(!e||w.__OBSERVATOIRE_DATA_ROOT__||w.__OBSERVATOIRE_PREBAKED__===false)return;try{m=JSON.parse(e.textContent)[location.search]}catch(x){return}if(!m)return;m.forEach(function(u){var k=d.createElement('link');if(/\\.js$/.test(u))k.rel='modulepreload';else{k.rel='preload';k.as=/\\.css$/.test(u)?'style':'fetch';k.crossOrigin='anonymous'}k.href=u;d.head.appendChild(k)})})()`;
