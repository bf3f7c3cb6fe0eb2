"""What only sending SMS needs: batching, message parts and schedule parsing."""
