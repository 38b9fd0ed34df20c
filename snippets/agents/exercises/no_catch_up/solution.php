<?php
// Exercise: nobody visits the site at night. Once the first visitor comes, the
// hourly Backup() must run once, and then once an hour: no catching up on the
// hours of the night.

function Backup()
{
   AddMessage2Log("Backup");
   return "Backup();";
}

// Non-periodic ("N"): the next run is counted from the end of the last one, so the
// hours nobody visited are not made up.
CAgent::AddAgent("Backup();", "", "N", 3600);
