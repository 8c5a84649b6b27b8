// The shapes draw.io defines in code that ./index.ts draws, by the names styles use. Their code (about 8 KiB gzipped)
// is loaded when a diagram names one of them, before it is drawn (resolve.ts: prepareStencils, watchStencils), so a
// page whose diagrams need none loads none of it. What must be there from the start stays here: the perimeters their
// styles name, and the entity-relation shapes (one of them is draw.io's `rhombus`, which styles name without
// `shape=`). The loader reports, as a console error, a name ./index.ts registers that this list lacks.
import { PerimeterRegistry, Point, type CellState, type Rectangle } from '@maxgraph/core';
import { registerErShapes } from './er';

/** The AWS 3D library's blocks, diagonal arrows and lines (aws3d.ts registers them under these names). */
export const aws3dBlocks = [
  'ami', 'ami2', 'amiRoundRect', 'application', 'application2', 'application_server', 'cloudfront', 'cloudWatch',
  'customerGateway', 'dataCenter', 'dataServer', 'dynamoDb', 'ebs', 'ebs2', 'elasticBeanstalk', 'elasticLoadBalancing',
  'elasticMapReduce', 'internetGateway', 'oracleDataCenter', 'oracleDbServer', 'rdsMaster', 'rdsSlave', 'redshift',
  'route53', 's3', 's3Bucket', 'search', 'search2', 'secureConnection', 'simpleDb', 'simpleDb2', 'simpleDb3',
  'snapshot', 'sns', 'sqs', 'vpcGateway', 'workflowService', 'worker',
];
export const aws3dArrows = ['arrowNE', 'arrowNW', 'arrowSE', 'arrowSW'];
export const aws3dLines = ['dashedArrowlessEdge', 'dashedEdge', 'dashedEdgeDouble', 'flatEdge', 'flatDoubleEdge'];

/** Every name ./index.ts registers. */
export const codeShapeNames: ReadonlySet<string> = new Set([
  // basic.ts
  'card', 'step', 'cube', 'dataStorage', 'curlyBracket', 'partialRectangle', 'tableRow', 'table', 'message', 'datastore',
  'dimension', 'endState', 'ext', 'link', 'mxgraph.infographic.ribbonSimple', 'mxgraph.dfd.dataStoreID',
  'mxgraph.lean_mapping.electronic_info_flow_edge',
  // flowchart.ts
  'trapezoid', 'manualInput', 'offPageConnector', 'loopLimit', 'callout', 'singleArrow', 'doubleArrow', 'corner', 'tee',
  'delay', 'tape', 'display', 'internalStorage', 'orEllipse', 'sumEllipse', 'lineEllipse', 'plus',
  'umlBoundary', 'umlEntity', 'umlControl', 'umlDestroy',
  // uml.ts, bpmn.ts, bpmn-task.ts, aws4.ts, c4.ts
  'umlLifeline', 'umlFrame', 'component', 'module', 'mxgraph.bpmn.shape', 'mxgraph.bpmn.event', 'mxgraph.bpmn.gateway2',
  'mxgraph.bpmn.task', 'mxgraph.bpmn.data',
  'mxgraph.aws4.resourceIcon', 'mxgraph.aws4.productIcon', 'mxgraph.aws4.group', 'mxgraph.aws4.groupCenter',
  'mxgraph.c4.person', 'mxgraph.c4.person2',
  // arrows2.ts, floorplan.ts, aws3d.ts
  ...['arrow', 'twoWayArrow', 'sharpArrow', 'sharpArrow2', 'stylisedArrow', 'calloutArrow', 'uTurnArrow', 'jumpInArrow'].map((n) => `mxgraph.arrows2.${n}`),
  ...['wall', 'wallCorner', 'window', 'doorLeft', 'doorRight', 'stairs', 'doorDouble', 'wallU'].map((n) => `mxgraph.floorplan.${n}`),
  ...[...aws3dBlocks, ...aws3dArrows, ...aws3dLines].map((n) => `mxgraph.aws3d.${n}`),
  // mockup.ts, bootstrap.ts
  'mxgraph.mockup.containers.anchor', 'mxgraph.mockup.anchor', 'mxgraph.mockup.markup.line', 'mxgraph.mockup.graphics.simpleIcon',
  'mxgraph.mockup.graphics.iconGrid', 'mxgraph.mockup.misc.rating', 'mxgraph.mockup.forms.searchBox', 'mxgraph.mockup.buttons.button',
  'mxgraph.mockup.buttons.multiButton', 'mxgraph.mockup.containers.browserWindow', 'mxgraph.mockup.containers.videoPlayer',
  'mxgraph.bootstrap.rrect', 'mxgraph.bootstrap.anchor', 'mxgraph.bootstrap.checkbox', 'mxgraph.bootstrap.radioButton',
  // gcp2.ts, network.ts
  'mxgraph.gcp2.hexIcon', 'mxgraph.gcp2.doubleRect',
  'mxgraph.networks.comm_link_edge', 'mxgraph.networks.bus', 'mxgraph.eip.messageChannel', 'mxgraph.eip.deadLetterChannel',
  // archimate.ts
  'mxgraph.archimate3.application', 'mxgraph.archimate3.tech', 'mxgraph.archimate3.service', 'mxgraph.archimate3.actor',
  // misc.ts
  'mxgraph.infographic.shadedCube', 'mxgraph.lean_mapping.physical_pull', 'mxgraph.basic.obtuse_triangle',
  'mxgraph.sysml.package', 'mxgraph.ios7ui.horLines', 'startState',
  // product-icons.ts
  'mxgraph.kubernetes.icon', 'mxgraph.cisco19.rect',
]);

let loaded = false;
let loading: Promise<void> | null = null;

/** Loads and registers the code shapes (once) when `names` holds one of them; never rejects (they stay outlines). */
export function ensureCodeShapes(names: Iterable<string>): Promise<void> {
  if (loaded || !Array.from(names).some((name) => codeShapeNames.has(name))) return Promise.resolve();
  loading ??= import('./index').then((shapes) => {
    const unlisted = shapes.registerCodeShapes().filter((name) => !codeShapeNames.has(name));
    if (unlisted.length) console.error(`draw/shapes/catalog.ts does not list the code shapes ${unlisted.join(', ')}: diagrams naming them draw outlines until another shape loads them.`);
    loaded = true;
  }, (e: unknown) => {
    loading = null;
    console.warn('The code shapes could not be loaded; they are drawn as outlines.', e);
  });
  return loading;
}

/** What the code shapes need from the start: the perimeters their styles name and the entity-relation shapes. */
export function registerEagerCodeShapes(): void {
  registerErShapes();
  // draw.io perimeters maxGraph lacks: near enough as the box's, or its centre.
  const rectangle = PerimeterRegistry.get('rectanglePerimeter');
  for (const name of ['stepPerimeter', 'trapezoidPerimeter', 'calloutPerimeter', 'backbonePerimeter']) {
    if (rectangle && !PerimeterRegistry.get(name)) PerimeterRegistry.add(name, rectangle);
  }
  const hexagon = PerimeterRegistry.get('hexagonPerimeter');
  if (hexagon && !PerimeterRegistry.get('hexagonPerimeter2')) PerimeterRegistry.add('hexagonPerimeter2', hexagon);
  PerimeterRegistry.add('centerPerimeter', ((bounds: Rectangle, _state: CellState, _next: Point) => new Point(bounds.getCenterX(), bounds.getCenterY())) as never);
}
