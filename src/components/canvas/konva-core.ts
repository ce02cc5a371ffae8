// The Konva namespace the editor uses. `konva/lib/Core` also bundles Tween, Animation and
// FastLayer, which nothing here uses (about 3 KiB gzip of the budget). Konva reads `Konva.DD` off
// the global object (`Konva.isDragging()`), so the parts kept are assigned to it just as Core does.
import { Canvas } from 'konva/lib/Canvas'
import { Container } from 'konva/lib/Container'
import { Context } from 'konva/lib/Context'
import { DD } from 'konva/lib/DragAndDrop'
import { Konva as Global } from 'konva/lib/Global'
import { Group } from 'konva/lib/Group'
import { Layer } from 'konva/lib/Layer'
import { Node } from 'konva/lib/Node'
import { Shape, shapes } from 'konva/lib/Shape'
import { Stage, stages } from 'konva/lib/Stage'
import { Transform, Util } from 'konva/lib/Util'

export const Konva = Util._assign(Global, {
  Util,
  Transform,
  Node,
  Container,
  Stage,
  stages,
  Layer,
  Group,
  DD,
  Shape,
  shapes,
  Context,
  Canvas,
})
