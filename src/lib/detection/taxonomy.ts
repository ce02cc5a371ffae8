// COCO classes in Amazon Rekognition's naming: label names, aliases, categories and parents as
// Rekognition's published label list and example responses give them. Each entry lists only its
// direct parents; `ancestorsOf` walks the chain, because DetectLabels lists every ancestor.
import { COCO_CLASSES, type CocoClass } from './coco-classes'

export interface TaxonomyEntry {
  parents: readonly string[]
  aliases: readonly string[]
  categories: readonly string[]
}

interface LabelSpec {
  parents?: readonly string[]
  aliases?: readonly string[]
  category: string
}

const ANIMALS = 'Animals and Pets'
const VEHICLES = 'Vehicles and Automotive'
const APPAREL = 'Apparel and Accessories'
const SPORTS = 'Sports'
const HOBBIES = 'Hobbies and Interests'
const KITCHEN = 'Kitchen and Dining'
const FOOD = 'Food and Beverage'
const FURNITURE = 'Furniture and Furnishings'
const HOME = 'Home and Indoors'
const TECHNOLOGY = 'Technology and Computing'
const EVERYDAY = 'Everyday Objects'
const SAFETY = 'Public Safety'
const SYMBOLS = 'Symbols and Flags'
const PLANTS = 'Plants and Flowers'
const BEAUTY = 'Beauty and Personal Care'
const TRAVEL = 'Travel and Adventure'
const TEXT = 'Text and Documents'
const TOOLS = 'Tools and Machinery'

/** The label each COCO class becomes. */
const LABEL_OF_CLASS: Record<CocoClass, string> = {
  person: 'Person',
  bicycle: 'Bicycle',
  car: 'Car',
  motorcycle: 'Motorcycle',
  airplane: 'Airplane',
  bus: 'Bus',
  train: 'Train',
  truck: 'Truck',
  boat: 'Boat',
  'traffic light': 'Traffic Light',
  'fire hydrant': 'Fire Hydrant',
  'stop sign': 'Stop Sign',
  'parking meter': 'Parking Meter',
  bench: 'Bench',
  bird: 'Bird',
  cat: 'Cat',
  dog: 'Dog',
  horse: 'Horse',
  sheep: 'Sheep',
  cow: 'Cow',
  elephant: 'Elephant',
  bear: 'Bear',
  zebra: 'Zebra',
  giraffe: 'Giraffe',
  backpack: 'Backpack',
  umbrella: 'Umbrella',
  handbag: 'Handbag',
  tie: 'Tie',
  suitcase: 'Suitcase',
  frisbee: 'Frisbee',
  skis: 'Ski',
  snowboard: 'Snowboard',
  'sports ball': 'Ball',
  kite: 'Kite',
  'baseball bat': 'Baseball Bat',
  'baseball glove': 'Baseball Glove',
  skateboard: 'Skateboard',
  surfboard: 'Surfboard',
  'tennis racket': 'Racket',
  bottle: 'Bottle',
  'wine glass': 'Wine Glass',
  cup: 'Cup',
  fork: 'Fork',
  knife: 'Knife',
  spoon: 'Spoon',
  bowl: 'Bowl',
  banana: 'Banana',
  apple: 'Apple',
  sandwich: 'Sandwich',
  orange: 'Orange',
  broccoli: 'Broccoli',
  carrot: 'Carrot',
  'hot dog': 'Hot Dog',
  pizza: 'Pizza',
  donut: 'Donut',
  cake: 'Cake',
  chair: 'Chair',
  couch: 'Couch',
  'potted plant': 'Potted Plant',
  bed: 'Bed',
  'dining table': 'Dining Table',
  toilet: 'Toilet',
  tv: 'TV',
  laptop: 'Laptop',
  mouse: 'Mouse',
  remote: 'Remote Control',
  keyboard: 'Computer Keyboard',
  'cell phone': 'Mobile Phone',
  microwave: 'Microwave',
  oven: 'Oven',
  toaster: 'Toaster',
  sink: 'Sink',
  refrigerator: 'Refrigerator',
  book: 'Book',
  clock: 'Clock',
  vase: 'Vase',
  scissors: 'Scissors',
  'teddy bear': 'Teddy Bear',
  'hair drier': 'Blow Dryer',
  toothbrush: 'Toothbrush',
}

/** Every label the detector can return, COCO labels and their ancestors alike. */
const LABELS: Record<string, LabelSpec> = {
  // People
  Person: { aliases: ['Human'], category: 'Person Description' },
  // Animals
  Animal: { category: ANIMALS },
  Mammal: { parents: ['Animal'], category: ANIMALS },
  Pet: { parents: ['Animal'], category: ANIMALS },
  Canine: { parents: ['Mammal'], category: ANIMALS },
  Livestock: { parents: ['Animal'], category: ANIMALS },
  Cattle: { parents: ['Livestock', 'Mammal'], category: ANIMALS },
  Wildlife: { parents: ['Animal'], category: ANIMALS },
  Bird: { parents: ['Animal'], category: ANIMALS },
  Cat: { parents: ['Mammal', 'Pet'], category: ANIMALS },
  Dog: { parents: ['Canine', 'Pet'], category: ANIMALS },
  Horse: { parents: ['Mammal'], category: ANIMALS },
  Sheep: { parents: ['Livestock', 'Mammal'], category: ANIMALS },
  Cow: { parents: ['Cattle'], category: ANIMALS },
  Elephant: { parents: ['Mammal', 'Wildlife'], category: ANIMALS },
  Bear: { parents: ['Mammal', 'Wildlife'], category: ANIMALS },
  Zebra: { parents: ['Mammal', 'Wildlife'], category: ANIMALS },
  Giraffe: { parents: ['Mammal', 'Wildlife'], category: ANIMALS },
  // Vehicles and street furniture
  Transportation: { category: VEHICLES },
  Vehicle: { parents: ['Transportation'], category: VEHICLES },
  Aircraft: { parents: ['Vehicle'], category: VEHICLES },
  Watercraft: { parents: ['Vehicle'], category: VEHICLES },
  Bicycle: { parents: ['Vehicle'], aliases: ['Bike'], category: VEHICLES },
  Car: { parents: ['Vehicle'], aliases: ['Automobile'], category: VEHICLES },
  Motorcycle: { parents: ['Vehicle'], aliases: ['Motorbike'], category: VEHICLES },
  Airplane: { parents: ['Aircraft'], aliases: ['Aeroplane'], category: VEHICLES },
  Bus: { parents: ['Vehicle'], category: VEHICLES },
  Train: { parents: ['Vehicle'], category: VEHICLES },
  Truck: { parents: ['Vehicle'], category: VEHICLES },
  Boat: { parents: ['Watercraft'], category: VEHICLES },
  Light: { category: HOME },
  'Traffic Light': { parents: ['Light'], aliases: ['Stoplight'], category: VEHICLES },
  Hydrant: { category: SAFETY },
  'Fire Hydrant': { parents: ['Hydrant'], category: SAFETY },
  Symbol: { category: SYMBOLS },
  Sign: { parents: ['Symbol'], category: SYMBOLS },
  'Road Sign': { parents: ['Sign'], category: SYMBOLS },
  'Stop Sign': { parents: ['Road Sign'], category: SYMBOLS },
  'Parking Meter': { category: VEHICLES },
  // Furniture and home
  Furniture: { category: FURNITURE },
  Bench: { parents: ['Furniture'], category: FURNITURE },
  Chair: { parents: ['Furniture'], category: FURNITURE },
  Couch: { parents: ['Furniture'], aliases: ['Sofa'], category: FURNITURE },
  Bed: { parents: ['Furniture'], category: FURNITURE },
  Table: { parents: ['Furniture'], category: FURNITURE },
  'Dining Table': { parents: ['Table'], category: FURNITURE },
  Plant: { category: PLANTS },
  'Potted Plant': { parents: ['Plant'], category: PLANTS },
  Toilet: { category: HOME },
  Sink: { category: HOME },
  Pottery: { category: HOME },
  Jar: { parents: ['Pottery'], category: HOME },
  Vase: { parents: ['Jar'], category: HOME },
  Clock: { category: EVERYDAY },
  Appliance: { category: HOME },
  Oven: { parents: ['Appliance'], category: KITCHEN },
  Microwave: { parents: ['Oven'], category: KITCHEN },
  Toaster: { parents: ['Appliance'], category: KITCHEN },
  Refrigerator: { parents: ['Appliance'], aliases: ['Fridge'], category: KITCHEN },
  'Blow Dryer': { parents: ['Appliance'], aliases: ['Hair Dryer'], category: BEAUTY },
  Tool: { category: TOOLS },
  Brush: { parents: ['Tool'], category: TOOLS },
  Toothbrush: { parents: ['Brush'], category: BEAUTY },
  Scissors: { category: EVERYDAY },
  Toy: { category: HOBBIES },
  'Teddy Bear': { parents: ['Toy'], category: HOBBIES },
  Publication: { category: TEXT },
  Book: { parents: ['Publication'], category: TEXT },
  // Apparel and travel
  Clothing: { aliases: ['Apparel'], category: APPAREL },
  Accessories: { category: APPAREL },
  'Formal Wear': { parents: ['Clothing'], category: APPAREL },
  Tie: { parents: ['Accessories', 'Formal Wear'], aliases: ['Necktie'], category: APPAREL },
  Bag: { parents: ['Accessories'], category: APPAREL },
  Backpack: { parents: ['Bag'], category: APPAREL },
  Handbag: { parents: ['Bag'], aliases: ['Purse'], category: APPAREL },
  Umbrella: { category: APPAREL },
  Luggage: { category: TRAVEL },
  Suitcase: { parents: ['Luggage'], category: TRAVEL },
  // Sports
  'Sports Equipment': { category: SPORTS },
  Glove: { parents: ['Clothing'], category: APPAREL },
  Frisbee: { parents: ['Toy'], category: HOBBIES },
  Kite: { parents: ['Toy'], category: HOBBIES },
  Ski: { parents: ['Sports Equipment'], category: SPORTS },
  Snowboard: { parents: ['Sports Equipment'], category: SPORTS },
  Ball: { parents: ['Sports Equipment'], aliases: ['Sports Ball'], category: SPORTS },
  'Baseball Bat': { parents: ['Sports Equipment'], category: SPORTS },
  'Baseball Glove': { parents: ['Glove', 'Sports Equipment'], category: SPORTS },
  Skateboard: { parents: ['Sports Equipment'], category: SPORTS },
  Surfboard: { parents: ['Sports Equipment'], category: SPORTS },
  Racket: { parents: ['Sports Equipment'], aliases: ['Tennis Racket'], category: SPORTS },
  // Kitchen and food
  Bottle: { category: KITCHEN },
  Glass: { category: KITCHEN },
  'Wine Glass': { parents: ['Glass'], category: KITCHEN },
  Cup: { category: KITCHEN },
  Cutlery: { category: KITCHEN },
  Fork: { parents: ['Cutlery'], category: KITCHEN },
  Knife: { parents: ['Cutlery'], category: KITCHEN },
  Spoon: { parents: ['Cutlery'], category: KITCHEN },
  Bowl: { category: KITCHEN },
  Food: { category: FOOD },
  Produce: { parents: ['Food'], category: FOOD },
  Fruit: { parents: ['Food', 'Plant'], category: FOOD },
  'Citrus Fruit': { parents: ['Fruit'], category: FOOD },
  Vegetable: { parents: ['Food', 'Plant', 'Produce'], category: FOOD },
  Dessert: { parents: ['Food'], category: FOOD },
  Sweets: { parents: ['Food'], category: FOOD },
  Banana: { parents: ['Fruit', 'Produce'], category: FOOD },
  Apple: { parents: ['Fruit', 'Produce'], category: FOOD },
  Orange: { parents: ['Citrus Fruit', 'Produce'], category: FOOD },
  Sandwich: { parents: ['Food'], category: FOOD },
  Broccoli: { parents: ['Vegetable'], category: FOOD },
  Carrot: { parents: ['Vegetable'], category: FOOD },
  'Hot Dog': { parents: ['Food'], category: FOOD },
  Pizza: { parents: ['Food'], category: FOOD },
  Donut: { parents: ['Sweets'], aliases: ['Doughnut'], category: FOOD },
  Cake: { parents: ['Dessert'], category: FOOD },
  // Technology
  Electronics: { category: TECHNOLOGY },
  Hardware: { category: TECHNOLOGY },
  Screen: { parents: ['Electronics'], category: TECHNOLOGY },
  Computer: { parents: ['Electronics'], category: TECHNOLOGY },
  Pc: { parents: ['Computer'], category: TECHNOLOGY },
  'Computer Hardware': { parents: ['Electronics', 'Hardware'], category: TECHNOLOGY },
  Phone: { parents: ['Electronics'], category: TECHNOLOGY },
  TV: { parents: ['Screen'], aliases: ['Television'], category: TECHNOLOGY },
  Laptop: { parents: ['Pc'], category: TECHNOLOGY },
  Mouse: { parents: ['Computer Hardware'], category: TECHNOLOGY },
  'Remote Control': { parents: ['Electronics'], category: TECHNOLOGY },
  'Computer Keyboard': { parents: ['Computer Hardware'], category: TECHNOLOGY },
  'Mobile Phone': { parents: ['Phone'], aliases: ['Cell Phone'], category: TECHNOLOGY },
}

/** The Rekognition label name for a COCO class index. */
export function labelNameOfClass(classIndex: number): string {
  const cocoClass = COCO_CLASSES[classIndex]
  if (cocoClass === undefined) throw new RangeError(`No COCO class ${classIndex}`)
  return LABEL_OF_CLASS[cocoClass]
}

/** Every ancestor of a label, nearest first within each level, without repeats. */
export function ancestorsOf(name: string): string[] {
  const ancestors: string[] = []
  let level = [...(LABELS[name]?.parents ?? [])]
  while (level.length > 0) {
    const next: string[] = []
    for (const parent of level) {
      if (ancestors.includes(parent)) continue
      ancestors.push(parent)
      next.push(...(LABELS[parent]?.parents ?? []))
    }
    level = next
  }
  return ancestors
}

/** Parents (all ancestors), aliases and categories of a label; undefined for unknown names. */
export function taxonomyOf(name: string): TaxonomyEntry | undefined {
  const spec = LABELS[name]
  if (spec === undefined) return undefined
  return { parents: ancestorsOf(name), aliases: spec.aliases ?? [], categories: [spec.category] }
}

/** Every label name the taxonomy knows, for tests and documentation. */
export function knownLabelNames(): string[] {
  return Object.keys(LABELS)
}
