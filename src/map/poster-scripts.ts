/**
 * The poster's inline scripts (src/map/PosterMap.tsx, src/app/poster-page.tsx), as constant texts: the build writes them into
 * index.html and the Content-Security-Policy allows exactly these (their SHA-256,
 * scripts/vite-plugins/csp.ts). No data in them: what varies lives in `data-` attributes.
 *
 * `window.__OBSERVATOIRE_POSTER__` records what happened to the poster (the bench and the tests
 * read it): `shown` (the page kept it), `fittedAt` (its map fitted and visible), `paintedAt`
 * (its first frame on screen, see POSTER_PAINT_SCRIPT),
 * `removed` ({ at, reason }).
 */

/** Id of the poster's root element (a sibling of `#root`). */
export const POSTER_ID = 'observatoire-poster';
/**
 * Where the build puts the page's own `<link rel="stylesheet">` (DSFR and the shell's CSS) in the
 * poster's shadow root (src/app/poster-page.tsx): the same files, loaded for the page anyway.
 */
export const POSTER_STYLES_SLOT = '<!--observatoire-poster-styles-->';
/** Class set on `<html>` once the poster must not (or no longer) show. */
export const NO_POSTER_CLASS = 'observatoire-no-poster';

/**
 * In `<head>`, before the poster is parsed: the poster only shows for the state it was drawn
 * for — no query string but `?vue=carte`, no hash, the published data (no other data root, the
 * prebaked results not turned off), the light theme — and goes at the user's first interaction
 * or any error (the live page is then whatever the app has drawn).
 */
export const POSTER_HEAD_SCRIPT = `(function(){var w=window,h=document.documentElement,P=w.__OBSERVATOIRE_POSTER__={shown:false};function drop(r){h.classList.add('${NO_POSTER_CLASS}');var e=document.getElementById('${POSTER_ID}');if(e){e.remove();P.removed={at:performance.now(),reason:r}}P.shown=false}var q=location.search,ok=(q===''||q==='?vue=carte')&&location.hash===''&&!w.__OBSERVATOIRE_DATA_ROOT__&&w.__OBSERVATOIRE_PREBAKED__!==false;try{var s=localStorage.getItem('scheme');if(s==='dark'||(s!=='light'&&w.matchMedia('(prefers-color-scheme: dark)').matches))ok=false}catch(e){ok=false}if(!ok){drop('etat');return}P.shown=true;['pointerdown','keydown','wheel','touchstart'].forEach(function(t){w.addEventListener(t,function(){drop(t)},{capture:true,once:true,passive:true})});w.addEventListener('error',function(){drop('erreur')},true);w.addEventListener('unhandledrejection',function(){drop('erreur')})})()`;

/**
 * The fit of the poster's map, as MapLibre's `fitBounds` with `fitPadding` (src/map/fit.ts, whose
 * unit test runs this text against `fitCamera`): `w`×`h` container, `b` bounds in grid units,
 * `m` margin, `L` width from which the legend floats, `R` room left for it. Returns [k, tx, ty].
 */
export const POSTER_FIT_MATH = `function(w,h,b,m,L,R){var l=w>=L?R:m,k=Math.min((w-l-m)/(b[2]-b[0]),(h-2*m)/(b[3]-b[1]));return[k,(w+l-m)/2-k*(b[0]+b[2])/2,h/2-k*(b[1]+b[3])/2]}`;

/**
 * Right after the poster (its shadow root is parsed by then): fits its map's areas (`transform`
 * of the first `<g>`, which holds the areas' picture) and places its circles (screen-sized radii,
 * as MapLibre's), now and on every resize until the poster goes. Before that, it does what DSFR's script
 * does to the live segmented controls (it does not see the poster's): vertical when their
 * elements overflow. A browser without declarative shadow roots leaves the poster an inert
 * `<template>`: it goes. So does a poster the head script already turned down (another view, a
 * permalink): it was parsed, but it is not fitted (a forced layout of the page before the app's
 * first render).
 */
export const POSTER_FIT_SCRIPT = `(function(f){var w=window,P=w.__OBSERVATOIRE_POSTER__,e=document.getElementById('${POSTER_ID}');if(P&&!P.shown){if(e)e.remove();return}var R=e&&e.shadowRoot,v=R&&R.querySelector('.observatoire-poster__map');if(!v){if(e)e.remove();document.documentElement.classList.add('${NO_POSTER_CLASS}');if(P)P.shown=false;return}var a=function(n){return v.getAttribute('data-'+n)},b=a('fit').split(' ').map(Number),g=v.querySelector('g'),cs=v.querySelectorAll('circle[data-x]');function fit(){R.querySelectorAll('.fr-segmented').forEach(function(n){var V='fr-segmented--vertical',l=n.querySelector('.fr-segmented__elements'),W=n.parentNode.offsetWidth;n.classList.remove(V);if(l&&(l.offsetWidth>W||l.scrollWidth>W))n.classList.add(V)});var r=v.getBoundingClientRect();if(!r.width||!r.height)return;var c=f(r.width,r.height,b,+a('margin'),+a('legend-min'),+a('legend-room')),k=c[0];g.setAttribute('transform','matrix('+k+' 0 0 '+k+' '+c[1]+' '+c[2]+')');v.style.visibility='visible';if(P&&!P.fittedAt)P.fittedAt=performance.now();for(var i=0;i<cs.length;i++){cs[i].setAttribute('cx',c[1]+k*cs[i].getAttribute('data-x'));cs[i].setAttribute('cy',c[2]+k*cs[i].getAttribute('data-y'))}}fit();if(w.ResizeObserver)new ResizeObserver(fit).observe(v)})(${POSTER_FIT_MATH})`;

/**
 * At the poster's end: when the fitted map was first on screen. The map is hidden until its
 * inline script has fitted it (`fittedAt`); the page's first contentful paint (Paint Timing: the
 * time that frame was presented) counts when it comes after that, else the time two animation
 * frames after this script. `paintedAt` is set only while the poster shows.
 */
export const POSTER_PAINT_SCRIPT = `(function(){var P=window.__OBSERVATOIRE_POSTER__,done=false;function mark(t){if(done||!P||!P.shown||!document.getElementById('${POSTER_ID}'))return;done=true;P.paintedAt=t}function late(){requestAnimationFrame(function(){requestAnimationFrame(function(){mark(performance.now())})})}try{new PerformanceObserver(function(l){l.getEntries().forEach(function(e){if(e.name==='first-contentful-paint'){if(P&&P.fittedAt!==undefined&&e.startTime>=P.fittedAt)mark(e.startTime);else late()}})}).observe({type:'paint',buffered:true})}catch(e){late()}})()`;

/** Every inline script the page may carry (the CSP lists their hashes). */
export const POSTER_SCRIPTS: readonly string[] = [
  POSTER_HEAD_SCRIPT,
  POSTER_FIT_SCRIPT,
  POSTER_PAINT_SCRIPT,
];
