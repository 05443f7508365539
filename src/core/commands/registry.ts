/** Every command, declared once; adapters derive their command menus from this list. */
import { channelFollow, channelOff, channelSet, channelShow, channelUnfollow, confirmChannelOff } from "./channel.js";
import { confirmTopicDelete, topicCreate, topicDelete } from "./custom-topic.js";
import type { CommandDefinition } from "./define-command.js";
import { digest } from "./digest.js";
import { confirmFeedRemove, feedAdd, feedList, feedRemove, feedRename, feedTest } from "./feed.js";
import { filterAdd, filterList, filterRemove } from "./filter.js";
import { createHelp } from "./help.js";
import { notices } from "./notices.js";
import { preview } from "./preview.js";
import { settings } from "./settings.js";
import { status } from "./status.js";
import { subscribe, unsubscribe, unsubscribeAll } from "./subscribe.js";
import { topics } from "./topics.js";

export const commands: readonly CommandDefinition[] = [
  // Members
  topics,
  subscribe,
  unsubscribe,
  digest,
  settings,
  createHelp(() => commands),
  // Moderators
  channelSet,
  channelShow,
  channelOff,
  channelFollow,
  channelUnfollow,
  filterAdd,
  filterRemove,
  filterList,
  feedAdd,
  feedRemove,
  feedList,
  feedTest,
  feedRename,
  topicCreate,
  topicDelete,
  status,
  preview,
  notices,
  // Confirmation buttons (hidden from menus)
  unsubscribeAll,
  confirmChannelOff,
  confirmFeedRemove,
  confirmTopicDelete,
];
