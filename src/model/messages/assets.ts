import type { Catalog } from './text.js';

/** Images people upload (photos, logos, the brand IP): why one is refused. */
export const assetMessages = {
  'asset.tooBig': ['“{name}”超过 {limit} MB；请缩小后再试', '"{name}" is larger than {limit} MB; make it smaller and try again'],
  'asset.empty': ['“{name}”是空文件；需要一张图片（PNG、JPEG、WebP、GIF 或 SVG）', '"{name}" is empty; an image (PNG, JPEG, WebP, GIF or SVG) is needed'],
  'asset.notImage': ['“{name}”不是支持的图片：内容不是 PNG、JPEG、WebP、GIF 或 SVG', '"{name}" is not a supported image: its content is not PNG, JPEG, WebP, GIF or SVG'],
  'asset.svgScript': ['“{name}”是带脚本或事件处理的 SVG；请删掉后再试', '"{name}" is an SVG with scripts or event handlers; remove them and try again'],
  'asset.svgExternal': ['“{name}”是引用了外部内容的 SVG（{ref}）；请把图片嵌入或删掉引用后再试', '"{name}" is an SVG that refers to something outside itself ({ref}); embed the image or remove the reference and try again'],
  'asset.svgExpansion': ['“{name}”是嵌套 <use> 展开超过 {max} 个元素的 SVG；请导出为 PNG 再试', '"{name}" is an SVG whose nested <use> references expand to more than {max} elements; flatten it (export as PNG) and try again'],
  'asset.tooManyPixels': ['“{name}”有 {width}×{height} 像素，超过 {limit} 百万像素；请缩小后再试', '"{name}" is {width}×{height} pixels, larger than {limit} MP; scale it down and try again'],
  'asset.unreadable': ['“{name}”无法作为图片读取（{reason}）；文件可能不完整或已损坏：请重新保存后再试', '"{name}" could not be read as an image ({reason}); it may be truncated or damaged: save it again and try again'],
  'asset.svgUnreadable': ['“{name}”无法作为 SVG 图片读取（{reason}）；请重新保存后再试', '"{name}" could not be read as an SVG image ({reason}); save it again and try again'],
  'asset.svgTooManyPixels': ['“{name}”是声明了 {width}×{height} 像素的 SVG，超过 {limit} 百万像素；请设置更小的宽高和 viewBox（或导出为 PNG）再试', '"{name}" is an SVG declaring {width}×{height} pixels, larger than {limit} MP; set a smaller width, height and viewBox (or export it as PNG) and try again'],
  'asset.readOnly': ['工作区是只读打开的，不能添加“{name}”', 'the workspace is open read-only; cannot add "{name}"'],
} as const satisfies Catalog;
