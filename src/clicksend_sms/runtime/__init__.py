"""Ways to run the component: the local runner now, a platform runtime later."""
