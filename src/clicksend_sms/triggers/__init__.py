"""Polling triggers."""
