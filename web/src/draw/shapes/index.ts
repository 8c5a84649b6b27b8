// Registers draw.io's code shapes (the ones its Shapes.js and per-library files define in code rather than as stencils)
// and the perimeters their styles name, so viewer, editor and PDF export draw them alike.
import { PerimeterRegistry, Point, type CellState, type Rectangle } from '@maxgraph/core';
import { registerArrows2Shapes } from './arrows2';
import { registerAws3dShapes } from './aws3d';
import { registerAws4Shapes } from './aws4';
import { registerBasicShapes } from './basic';
import { registerBpmnShapes } from './bpmn';
import { registerC4Shapes } from './c4';
import { registerErShapes } from './er';
import { registerFloorplanShapes } from './floorplan';
import { registerFlowchartShapes } from './flowchart';
import { registerUmlShapes } from './uml';

export function registerCodeShapes(): void {
  registerBasicShapes();
  registerFlowchartShapes();
  registerUmlShapes();
  registerBpmnShapes();
  registerAws4Shapes();
  registerAws3dShapes();
  registerC4Shapes();
  registerErShapes();
  registerArrows2Shapes();
  registerFloorplanShapes();
  // draw.io perimeters maxGraph lacks: near enough as the box's, or its centre.
  const rectangle = PerimeterRegistry.get('rectanglePerimeter');
  for (const name of ['stepPerimeter', 'trapezoidPerimeter', 'calloutPerimeter', 'backbonePerimeter']) {
    if (rectangle && !PerimeterRegistry.get(name)) PerimeterRegistry.add(name, rectangle);
  }
  const hexagon = PerimeterRegistry.get('hexagonPerimeter');
  if (hexagon && !PerimeterRegistry.get('hexagonPerimeter2')) PerimeterRegistry.add('hexagonPerimeter2', hexagon);
  PerimeterRegistry.add('centerPerimeter', ((bounds: Rectangle, _state: CellState, _next: Point) => new Point(bounds.getCenterX(), bounds.getCenterY())) as never);
}
