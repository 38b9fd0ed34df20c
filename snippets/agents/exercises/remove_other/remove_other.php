<?php
// Exercise: OldImport() runs every half hour. At 12:00 the one-off Cleanup()
// runs; from then on OldImport() must never run again: Cleanup() has to delete
// its agent.

function OldImport()
{
   AddMessage2Log("OldImport");
   return "OldImport();";
}

function Cleanup()
{
   AddMessage2Log("Cleanup");
   return "";   // a one-off agent: it removes itself
}

CAgent::AddAgent("OldImport();", "", "N", 1800);
CAgent::AddAgent("Cleanup();", "", "N", 86400, "", "Y", "02.03.2026 12:00:00");
