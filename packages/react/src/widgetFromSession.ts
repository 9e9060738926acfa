import type { WidgetConfig, WidgetOptions } from '@okra-balance/core';
import { finishWidget, type CheckedWidget } from './widgetFromOptions.ts';

export type { CheckedWidget };

/** The okra-js options for a link session's widget config (our camelCase to okra-js's snake_case). */
export function widgetFromSession(widget: WidgetConfig): CheckedWidget {
  const options: WidgetOptions = {
    key: widget.key,
    token: widget.token,
    env: widget.env,
    products: widget.products,
    options: widget.options,
  };
  if (widget.appId !== undefined) options.app_id = widget.appId;
  if (widget.name !== undefined) options.name = widget.name;
  if (widget.callbackUrl !== undefined) options.callback_url = widget.callbackUrl;
  return finishWidget(options, widget.widgetOrigin);
}
