// Registers draw.io's code shapes (the ones its Shapes.js and per-library files define in code rather than as stencils),
// so viewer, editor and PDF export draw them alike. Loaded on demand by ./catalog.ts, which lists their names.
import { ShapeRegistry } from '@maxgraph/core';
import { registerArchimateShapes } from './archimate';
import { registerArrows2Shapes } from './arrows2';
import { registerAws3dShapes } from './aws3d';
import { registerAws4Shapes } from './aws4';
import { registerBasicShapes } from './basic';
import { registerBootstrapShapes } from './bootstrap';
import { registerBpmnShapes } from './bpmn';
import { registerBpmnTaskShapes } from './bpmn-task';
import { registerC4Shapes } from './c4';
import { registerFloorplanShapes } from './floorplan';
import { registerFlowchartShapes } from './flowchart';
import { registerMockupShapes } from './mockup';
import { registerGcp2Shapes } from './gcp2';
import { registerMiscShapes } from './misc';
import { registerNetworkShapes } from './network';
import { registerProductIconShapes } from './product-icons';
import { registerUmlShapes } from './uml';

/** Registers them all; answers the names registered (for ./catalog.ts's check of its list). */
export function registerCodeShapes(): string[] {
  const names: string[] = [];
  const add = ShapeRegistry.add.bind(ShapeRegistry);
  ShapeRegistry.add = ((name: string, shape: Parameters<typeof add>[1]) => { names.push(name); add(name, shape); }) as typeof ShapeRegistry.add;
  try {
    registerBasicShapes();
    registerFlowchartShapes();
    registerUmlShapes();
    registerBpmnShapes();
    registerBpmnTaskShapes();
    registerAws4Shapes();
    registerAws3dShapes();
    registerC4Shapes();
    registerArrows2Shapes();
    registerFloorplanShapes();
    registerMockupShapes();
    registerBootstrapShapes();
    registerGcp2Shapes();
    registerNetworkShapes();
    registerArchimateShapes();
    registerMiscShapes();
    registerProductIconShapes();
  } finally {
    ShapeRegistry.add = add;
  }
  return names;
}
