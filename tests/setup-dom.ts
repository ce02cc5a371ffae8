// jsdom has no 2D canvas; Konva needs one to construct a stage in component tests.
import 'vitest-canvas-mock'
