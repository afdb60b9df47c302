/**
 * Pre-compilation of the map's shaders. MapLibre compiles a layer's shaders the first time it
 * draws it, and software WebGL took 50–100 ms for that on the first visit of a level: the context
 * outline (EPCI), the land and the QPV dots (QPV). The areas of every level share the shaders of
 * the first map's.
 */
import type { Map as MlMap } from 'maplibre-gl';

export class ShaderWarmUp {
  /** Whether `compile` ran. */
  private done = false;
  /** Layers drawn faint by `compile`, with the paint to put back. */
  private readonly compiling = new Map<string, [string, unknown][]>();

  constructor(private readonly map: MlMap) {}

  /**
   * Draws the hidden layers `ids` once, at an opacity no one can see, then hides them again.
   * The layer's own opacity is lowered, not its layer opacity, which below 1 draws through an
   * offscreen pass (a first version drew every hidden layer that way and kept the GPU busy for
   * 0.6–1.1 s). Done once, after the preload, while the user reads the first map: two light
   * frames.
   */
  compile(ids: readonly string[]): void {
    if (this.done) return;
    this.done = true;
    for (const id of ids) {
      const layer = this.map.getLayer(id);
      if (!layer || layer.visibility === 'none') continue;
      const faint: [string, unknown][] =
        layer.type === 'fill'
          ? [
              ['fill-layer-opacity', 1],
              ['fill-opacity', 0.001],
            ]
          : layer.type === 'line'
            ? [
                ['line-layer-opacity', 1],
                ['line-opacity', 0.001],
              ]
            : layer.type === 'symbol'
              ? [['icon-opacity', 0.001]]
              : [['circle-opacity', 0.001]];
      const saved = faint.map(([name]): [string, unknown] => [
        name,
        this.map.getPaintProperty(id, name as never),
      ]);
      for (const [name, v] of faint) this.map.setPaintProperty(id, name as never, v as never);
      this.compiling.set(id, saved);
    }
    this.map.once('idle', () => {
      for (const id of [...this.compiling.keys()]) this.end(id);
    });
    this.map.triggerRepaint();
  }

  /** Puts back the paint `compile` changed on a layer (before the layer is shown or hidden). */
  end(id: string): void {
    const saved = this.compiling.get(id);
    this.compiling.delete(id);
    if (!saved || !this.map.getLayer(id)) return;
    for (const [name, v] of saved) this.map.setPaintProperty(id, name as never, v as never);
  }
}
