import { createContext, useContext } from "react";

/** Whether the event stream is open, so that polling can step back while pushed events keep screens current. */
export const LiveStateContext = createContext(false);

export const useStreamLive = (): boolean => useContext(LiveStateContext);
